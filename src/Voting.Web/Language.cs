using System.Globalization;

namespace Voting.Web;

/// <summary>A language the pages speak: its culture, and its name in itself as the language switch shows it.</summary>
public sealed record Language(CultureInfo Culture, string Name)
{
    /// <summary>"en", "fr" or "es": the culture's name, and the key of the texts an election gives in several languages.</summary>
    public string Code => Culture.Name;
}
