namespace Voting.Web.Resources;

/// <summary>The pages' texts: <c>Text.resx</c> in English, <c>Text.fr.resx</c> and <c>Text.es.resx</c>.</summary>
public sealed class Text;
