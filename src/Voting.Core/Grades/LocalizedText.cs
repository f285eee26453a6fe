using System.Collections.ObjectModel;

namespace Voting.Core.Grades;

/// <summary>A text in several languages, keyed by language code ("fr", "en", "es").</summary>
public sealed class LocalizedText : ReadOnlyDictionary<string, string>
{
    public LocalizedText(IDictionary<string, string> byLanguage)
        : base(new SortedDictionary<string, string>(byLanguage, StringComparer.Ordinal))
    {
    }

    public static LocalizedText Of(string fr, string en, string es) =>
        new(new Dictionary<string, string> { ["fr"] = fr, ["en"] = en, ["es"] = es });

    public static LocalizedText Plain(string text) => new(new Dictionary<string, string> { ["en"] = text });

    /// <summary>The text in <paramref name="language"/>, else English, else any language.</summary>
    public string In(string language) =>
        TryGetValue(language, out var text) ? text
        : TryGetValue("en", out var english) ? english
        : Values.FirstOrDefault() ?? "";

    public override string ToString() => In("en");
}
