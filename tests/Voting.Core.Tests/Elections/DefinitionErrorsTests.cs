using System.Text.Json.Nodes;
using Voting.Core.Elections;
using Voting.Core.Grades;
using Voting.Core.Json;
using Voting.Core.Record;
using Voting.Core.Text;

namespace Voting.Core.Tests.Elections;

/// <summary>A definition is checked in one place, which refuses what is missing or blank and names every problem with its path.</summary>
public class DefinitionErrorsTests
{
    private static readonly ElectionDefinition Valid = RecordGenerator.Definition("defs", envelopes: 1, projects: 2, grades: 3);

    private static JsonObject Json() => JsonNode.Parse(VotingJson.DefinitionBytes(Valid))!.AsObject();

    private static IReadOnlyList<string> Paths(JsonObject json) =>
        DefinitionErrors.Of(VotingJson.ReadDefinition(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString())))
            .Select(p => p[..p.IndexOf(": ", StringComparison.Ordinal)]).ToArray();

    [Fact]
    public void The_generated_definition_is_valid() => Assert.Empty(DefinitionErrors.Of(Valid));

    [Fact]
    public void A_definition_that_does_not_say_its_kind_is_refused_for_that_alone()
    {
        var json = Json();
        json.Remove("kind");
        Assert.Equal(["kind"], Paths(json));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n")]
    [InlineData("\u00a0")]
    public void Blank_titles_labels_and_project_titles_are_refused_all_at_once(string blank)
    {
        var json = Json();
        json["title"] = new JsonObject { ["en"] = blank };
        json["grades"]![1] = new JsonObject { ["fr"] = "Bien", ["en"] = blank };
        json["envelopes"]![0]!["projects"]![1]!["title"] = new JsonObject { ["en"] = blank };
        json["envelopes"]![0]!["title"] = new JsonObject { ["en"] = blank };
        Assert.Equal(["title", "grades[1]", "envelopes[0].title", "envelopes[0].projects[1].title"], Paths(json));
    }

    [Fact]
    public void A_title_without_any_language_is_refused()
    {
        var definition = Valid with { Title = new LocalizedText(new Dictionary<string, string>()) };
        Assert.Equal(["title: a text in at least one language, none blank"], DefinitionErrors.Of(definition));
    }

    [Fact]
    public void An_unknown_rule_or_balancing_is_quoted_as_a_bounded_excerpt()
    {
        var tooLong = new string('r', 10_000);
        var definition = Valid with
        {
            Balancing = tooLong,
            Envelopes = [Valid.Envelopes[0] with { Rule = tooLong }],
        };
        var problems = DefinitionErrors.Of(definition);
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Contains(new string('r', Excerpt.MaxLength) + "…'", p));
        Assert.All(problems, p => Assert.DoesNotContain(new string('r', Excerpt.MaxLength + 1), p));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("short", "short")]
    public void A_short_text_is_its_own_excerpt(string text, string expected) => Assert.Equal(expected, Excerpt.Of(text));

    [Fact]
    public void An_excerpt_never_splits_a_surrogate_pair()
    {
        var text = new string('a', Excerpt.MaxLength - 1) + "😀" + "tail";
        var excerpt = Excerpt.Of(text);
        Assert.Equal(new string('a', Excerpt.MaxLength - 1) + "…", excerpt);
    }
}
