using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Voting.Core.Elections;
using Voting.Grains.Contracts;
using Voting.Web.Resources;

namespace Voting.Web.Tests;

/// <summary>The pages' texts exist in English, French and Spanish, with the same placeholders.</summary>
public sealed partial class TranslationTests
{
    private static readonly ResourceManager Resources = new(typeof(Text));

    private static Dictionary<string, string> Texts(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!)
        ?? throw new Xunit.Sdk.XunitException($"no texts for '{culture.Name}'");

    [Theory]
    [InlineData("fr")]
    [InlineData("es")]
    public void Every_text_is_translated_with_the_same_placeholders(string language)
    {
        var english = Texts(CultureInfo.InvariantCulture);
        var translated = Texts(Languages.Find(language)!.Culture);

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), translated.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in translated)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{language}: '{key}' is empty");
            Assert.True(Placeholders(english[key]).SetEquals(Placeholders(text)), $"{language}: '{key}' is \"{text}\", English \"{english[key]}\"");
        }
    }

    [Fact]
    public void Every_status_kind_and_receipt_answer_has_a_text()
    {
        var english = Texts(CultureInfo.InvariantCulture);
        var keys = Enum.GetValues<ElectionStatus>().SelectMany(s => new[] { $"Status{s}", $"Vote{s}" })
            .Concat(Enum.GetValues<ElectionKind>().Select(k => $"Kind{k}"))
            .Concat(Enum.GetValues<ReceiptAnswer>().Select(a => $"Receipt{a}"));
        foreach (var key in keys)
            Assert.True(english.ContainsKey(key), $"no text '{key}'");
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
