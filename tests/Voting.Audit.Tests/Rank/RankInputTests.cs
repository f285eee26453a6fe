using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Voting.Audit.Tests.Rank;

/// <summary>
/// A large input is read in two parts side by side. Whatever the bytes, that reading must give what reading it in
/// one part gives: the same fields, or the same error at the same place.
/// </summary>
public class RankInputTests
{
    private const int InTwoParts = 0, InOnePart = int.MaxValue;

    /// <summary>The fields read, or the error reported.</summary>
    private static string Outcome(string json, int splitFrom) => Outcome(json, splitFrom, out _);

    private static string Outcome(string json, int splitFrom, out int parts)
    {
        parts = 0;
        try
        {
            var input = RankInput.Parse("tallies.json", Encoding.UTF8.GetBytes(json), splitFrom, out parts);
            return $"grades {input.Grades}, {input.Policy}, judges {input.Judges}: "
                + string.Join("; ", input.Tallies.Select(t => $"{t.Id}={string.Join(",", t.Counts)}"));
        }
        catch (AuditError e)
        {
            return "error: " + e.Message;
        }
    }

    /// <summary>The tallies as System.Text.Json's document reads them, in order.</summary>
    private static string NaiveTallies(string json)
    {
        using var document = JsonDocument.Parse(json);
        return string.Join("; ", document.RootElement.GetProperty("tallies").EnumerateObject()
            .Select(p => $"{p.Name}={string.Join(",", p.Value.EnumerateArray().Select(c => c.GetInt64()))}"));
    }

    private static string Projects(int count, Func<int, string> id, string space = " ") =>
        string.Join("," + space, Enumerable.Range(0, count).Select(i => $"\"{id(i)}\":{space}[{i % 5}, 2, {7 - i % 3}]"));

    [Fact]
    public void A_large_input_read_in_two_parts_has_every_project_in_order()
    {
        string json = """{"grades": 3, "tallies": {""" + Projects(2000, i => $"P{i}") + """}, "balancing": {"default": "static:1", "judges": 20}}""";

        var read = Outcome(json, InTwoParts, out int parts);

        Assert.Equal(2, parts);
        Assert.Equal(Outcome(json, InOnePart), read);
        Assert.EndsWith(NaiveTallies(json), read);
        Assert.StartsWith("grades 3, static:1, judges 20: P0=0,2,7; P1=1,2,6", read);
    }

    [Theory]
    [InlineData("""{"grades": 3, "tallies": {TALLIES}}""")]
    [InlineData("""{"tallies": {TALLIES}, "grades": 3}""")]
    [InlineData("""{"tallies": {TALLIES}, "balancing": {"default": "median"}, "grades": 3}""")]
    [InlineData("""{"grades": 3, "tallies": {TALLIES}, "grades": 4}""")]
    [InlineData("""{"grades": 3, "tallies": {TALLIES}, "tallies": {}}""")]
    [InlineData("""{"grades": 3, "tallies": {TALLIES, "P5": [1, 1, 1]}}""")]
    [InlineData("""{"grades": 3, "tallies": {TALLIES, "Q": [1, 1, -1]}}""")]
    [InlineData("""{"grades": 3, "tallies": {TALLIES, "Q": [1, 1.5, 1]}}""")]
    [InlineData("""{"grades": 3, "tallies": {TALLIES, "Q": [1, 1 1]}}""")]
    [InlineData("""{"grades": 3, "tallies": {TALLIES, "Q": {"a": [1]}}}""")]
    [InlineData("""{"grades": 3, "tallies": {TALLIES}} []""")]
    [InlineData("""{"grades": 3, "tallies": {TALLIES}""")]
    public void Fields_after_the_middle_and_errors_there_read_as_in_one_part(string template)
    {
        string json = template.Replace("TALLIES", Projects(400, i => $"P{i}", "\n  "));
        Assert.Equal(Outcome(json, InOnePart), Outcome(json, InTwoParts));
    }

    [Fact]
    public void A_middle_guessed_inside_an_id_is_read_as_in_one_part()
    {
        // The middle of the document is inside a long id that ends with the bytes a member's end is guessed by.
        string json = """{"grades": 3, "tallies": {""" + Projects(400, i => i == 200 ? new string('L', 20_000) + "], " : $"P{i}") + "}}";

        var read = Outcome(json, InTwoParts, out int parts);

        Assert.Equal(1, parts);
        Assert.Equal(Outcome(json, InOnePart), read);
        Assert.EndsWith(NaiveTallies(json), read);
    }

    /// <summary>
    /// Random inputs: ids with the bytes of a middle in them, any spacing, fields anywhere, some errors. Read in two
    /// parts, they read as in one; what reads without error has the tallies System.Text.Json's document finds.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Any_input_reads_as_in_one_part() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            string json = RandomInput(new Random(seed));
            string whole = Outcome(json, InOnePart);
            bool asDocument = whole.StartsWith("error: ", StringComparison.Ordinal) || whole.EndsWith(": " + NaiveTallies(json), StringComparison.Ordinal);
            return (whole == Outcome(json, InTwoParts) && asDocument).Label($"seed {seed}: {json}");
        });

    /// <summary>One document in two has errors somewhere (a duplicate id or field, a bad count, bytes after the end); the others are valid.</summary>
    private static string RandomInput(Random random)
    {
        bool faulty = random.Next(2) == 0;
        string[] pieces = ["P", "Q", "é", "], ", "] ,", "], \\\"", " ", "\\\\", "日", "7"];
        string[] spaces = ["", " ", "\n", "\r\n  ", "\t"];
        string Space() => spaces[random.Next(spaces.Length)];
        // A valid document's ids end with their index, so that none is there twice.
        string Id(int i) => string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => pieces[random.Next(pieces.Length)])) + (faulty ? "" : i);
        string Count() => (faulty ? random.Next(200) : 9) switch
        {
            0 => "-1",
            1 => "2.5",
            2 => "\"3\"",
            3 => "[1]",
            _ => random.Next(10).ToString(),
        };

        var members = Enumerable.Range(0, random.Next(1, 120))
            .Select(i => $"\"{Id(i)}\"{Space()}:{Space()}[{string.Join("," + Space(), Enumerable.Range(0, 3).Select(_ => Count()))}]");
        string tallies = $"\"tallies\":{Space()}{{{string.Join("," + Space(), members)}}}";
        var fields = new List<string> { tallies, "\"grades\": 3" };
        if (random.Next(3) == 0) fields.Add("\"balancing\": {\"default\": \"static:0\"}");
        if (faulty && random.Next(5) == 0) fields.Add("\"grades\": 3");
        fields = fields.OrderBy(_ => random.Next()).ToList();
        string json = "{" + Space() + string.Join("," + Space(), fields) + Space() + "}";
        return faulty && random.Next(10) == 0 ? json + " ]" : json;
    }
}
