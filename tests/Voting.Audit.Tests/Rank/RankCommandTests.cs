using System.Text.Json;
using System.Text.Json.Nodes;
using Voting.Core.Counting;
using Voting.Core.Json;
using Voting.Core.Results;

namespace Voting.Audit.Tests.Rank;

public class RankCommandTests
{
    private static (int ExitCode, JsonElement Json, string Error) Rank(string input)
    {
        var result = RankRaw(input);
        var json = result.ExitCode == 0 ? JsonDocument.Parse(result.Output).RootElement.Clone() : default;
        return (result.ExitCode, json, result.Error);
    }

    private static AuditProcess.Result RankRaw(string input, params string[] options)
    {
        var path = AuditProcess.TempFile(input);
        try { return AuditProcess.Run(["rank", path, .. options]); }
        finally { File.Delete(path); }
    }

    private static string[] Ids(JsonElement json) => json.GetProperty("ranking").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToArray();

    [Fact]
    public void Ranks_best_first_with_the_lower_median()
    {
        var (exit, json, _) = Rank("""{"grades": 4, "tallies": {"A": [7,4,1,12], "B": [0,0,12,12], "C": [3,3,3,3]}}""");
        Assert.Equal(0, exit);
        Assert.Equal(["B", "A", "C"], Ids(json));
        var first = json.GetProperty("ranking")[0];
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
        Assert.Equal(2, first.GetProperty("majorityGrade").GetInt32());
        // Without a policy, unequal totals are balanced as static:0 with J = the largest total.
        Assert.Equal([15, 3, 3, 3], json.GetProperty("ranking")[2].GetProperty("profile").EnumerateArray().Select(c => c.GetInt64()));
        Assert.Equal(2, json.GetProperty("reasons").GetArrayLength());
    }

    [Fact]
    public void Ties_share_a_rank()
    {
        var (_, json, _) = Rank("""{"grades": 3, "tallies": {"X": [1,1,1], "Y": [1,1,1], "Z": [3,0,0]}}""");
        Assert.Equal([1, 1, 3], json.GetProperty("ranking").EnumerateArray().Select(p => p.GetProperty("rank").GetInt32()));
    }

    [Fact]
    public void Balancing_policy_and_judges_are_applied()
    {
        var (_, json, _) = Rank("""{"grades": 3, "tallies": {"A": [0,1,1], "B": [0,0,1]}, "balancing": {"default": "static:1", "judges": 4}}""");
        Assert.Equal(["A", "B"], Ids(json));
        Assert.Equal([0, 3, 1], json.GetProperty("ranking")[0].GetProperty("profile").EnumerateArray().Select(c => c.GetInt64()));
        var (_, normalized, _) = Rank("""{"grades": 3, "tallies": {"A": [0,1,1], "B": [0,0,1]}, "balancing": {"default": "normalize"}}""");
        Assert.Equal(["B", "A"], Ids(normalized));
    }

    [Fact]
    public void Counts_beyond_32_bits_are_exact()
    {
        var (exit, json, _) = Rank("""{"grades": 2, "tallies": {"A": [10000000000, 10000000001], "B": [10000000001, 10000000000]}}""");
        Assert.Equal(0, exit);
        Assert.Equal(["A", "B"], Ids(json));
    }

    [Fact]
    public void Output_is_one_line_unless_indented()
    {
        const string input = """{"grades": 3, "tallies": {"A": [1,0,2], "B": [0,3,0], "C": [2,1,0]}}""";
        var compact = RankRaw(input);
        var indented = RankRaw(input, "--indent");
        Assert.Single(compact.Output.TrimEnd('\n').Split('\n'));
        Assert.Contains("\n  \"ranking\": [\n", indented.Output);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(compact.Output), JsonNode.Parse(indented.Output)));
    }

    [Fact]
    public void Gauges_and_reasons_have_the_results_shapes()
    {
        var (_, json, _) = Rank("""{"grades": 4, "tallies": {"A": [7,4,1,12], "B": [0,0,12,12], "C": [3,3,3,3], "D": [3,3,3,3]}}""");
        var ranking = MajorityRanking.Rank(
            [new("A", [7, 4, 1, 12]), new("B", [0, 0, 12, 12]), new("C", [3, 3, 3, 3]), new("D", [3, 3, 3, 3])],
            BalancingPolicy.Default,
            judges: 24);

        var gauges = json.GetProperty("ranking").EnumerateArray().Select(p => JsonNode.Parse(p.GetProperty("gauge").GetRawText()));
        var expectedGauges = ranking.Projects.Select(p => JsonSerializer.SerializeToNode(GaugeResult.From(p.Gauge), VotingJson.Options));
        Assert.Equal(expectedGauges, gauges, JsonNode.DeepEquals);
        var reasons = json.GetProperty("reasons").EnumerateArray().Select(r => JsonNode.Parse(r.GetRawText()));
        var expectedReasons = ranking.Reasons.Select(r => JsonSerializer.SerializeToNode(ReasonResult.From(r), VotingJson.Options));
        Assert.Equal(expectedReasons, reasons, JsonNode.DeepEquals);
    }

    /// <summary>A project of <c>rank</c>'s ranking, as the results' serializer would write it.</summary>
    private sealed record RankedProjectJson(string Id, int Rank, int MajorityGrade, GaugeResult Gauge, long[] Profile);

    [Fact]
    public void Projects_and_reasons_are_the_bytes_the_results_serializer_writes_whatever_the_ids()
    {
        // Quotes, backslashes and control characters are escaped; «», accents and other letters are kept.
        string[] ids = ["plain", "quo\"te", "back\\slash", "«é»", "tab\t", "line\u2028sep", "日本"];
        var counts = ids.Select((_, i) => new long[] { i, 2, 7 - i }).ToArray();
        var input = new JsonObject
        {
            ["grades"] = 3,
            ["tallies"] = new JsonObject(ids.Select((id, i) => KeyValuePair.Create(id, (JsonNode?)new JsonArray(counts[i].Select(c => (JsonNode?)c).ToArray())))),
        };
        var (exit, json, _) = Rank(input.ToJsonString());
        Assert.Equal(0, exit);

        var ranking = MajorityRanking.Rank(ids.Select((id, i) => new ProjectTally(id, counts[i])).ToArray(), BalancingPolicy.Default, judges: 9);
        var projects = ranking.Projects.Select(p => JsonSerializer.Serialize(new RankedProjectJson(p.Id, p.Rank, p.MajorityGrade, GaugeResult.From(p.Gauge), p.Profile), VotingJson.Options));
        Assert.Equal(projects, json.GetProperty("ranking").EnumerateArray().Select(p => p.GetRawText()));
        var reasons = ranking.Reasons.Select(r => JsonSerializer.Serialize(ReasonResult.From(r), VotingJson.Options));
        Assert.Equal(reasons, json.GetProperty("reasons").EnumerateArray().Select(r => r.GetRawText()));
    }

    [Fact]
    public void Fields_may_come_in_any_order_and_tallies_may_be_empty()
    {
        var (exit, json, _) = Rank("""{"balancing": {"judges": 5, "default": "static:1"}, "tallies": {"A": [0,1,1]}, "grades": 3}""");
        Assert.Equal(0, exit);
        Assert.Equal([0, 4, 1], json.GetProperty("ranking")[0].GetProperty("profile").EnumerateArray().Select(c => c.GetInt64()));
        var (_, empty, _) = Rank("""{"grades": 3, "tallies": {}}""");
        Assert.Equal(0, empty.GetProperty("ranking").GetArrayLength());
        Assert.Equal(0, empty.GetProperty("reasons").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"grades": 3, "tallies": {"A": [1,-1,0]}}""", "tallies.A[1]: negative count -1")]
    [InlineData("""{"grades": "3", "tallies": {"A": [1,1,1]}}""", "field 'grades': expected the number of grades")]
    [InlineData("""[3, {"A": [1,1,1]}]""", "top level: expected an object")]
    [InlineData("""{"grades": 3, "tallies": [[1,1,1]]}""", "field 'tallies': expected an object of projects")]
    [InlineData("""{"grades": 3, "tallies": {"A": {"B": [1,1,1]}}}""", "tallies.A: expected an array of counts")]
    [InlineData("""{"grades": 3, "tallies": {"A": [1,{"n":1},1]}}""", "tallies.A[1]: '{\"n\":1}' is not a whole number")]
    [InlineData("""{"grades": 3, "tallies": {"A": [1,1,1]}, "balancing": {"judges": "4"}}""", "field 'balancing.judges': expected a non-negative whole number")]
    [InlineData("""{"grades": 3, "tallies": {"A": [1,1,1]}, "balancing": "median"}""", "field 'balancing': expected")]
    [InlineData("""{"grades": 3, "tallies": {"A": [1,1,1]}} []""", "malformed JSON")]
    [InlineData("{\"grades\": 3,\n \"tallies\": {\"A\": [1,1,1],\n  \"A\": [0,0,3]}}", "line 3, position 3: malformed JSON: duplicate property 'A'")]
    [InlineData("""{"grades": 3, "tallies": {"A": [1,1]}}""", "tallies.A: 2 counts for 3 grades")]
    [InlineData("""{"grades": 3, "tallies": {"A": [1,1,1],}""", "line 1")]
    [InlineData("""{"grades": 3, "tallies": {"A": [1,1,1]}, "balancing": {"default": "mean"}}""", "unknown balancing policy 'mean'")]
    [InlineData("""{"grades": 3, "tallies": {"A": [1,1,1]}, "balancing": {"judges": 2}}""", "2 judges, but a project has 3 judgments")]
    [InlineData("""{"grades": 3, "tallies": {"A": [1,1,1], "A": [0,0,3]}}""", "malformed JSON")]
    [InlineData("""{"grades": 3, "tallies": {"A": [1,1.5,1]}}""", "'1.5' is not a whole number")]
    public void Bad_input_exits_non_zero_with_one_line_naming_the_place(string input, string expected)
    {
        var (exit, _, error) = Rank(input);
        Assert.NotEqual(0, exit);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", error);
    }

    [Theory]
    [InlineData("{\"grades\": 2, \"tallies\": {\"A\xff\": [1, 2]}}", "line 1, position 27: malformed JSON: a string that is not UTF-8")]
    [InlineData("{\"grades\": 2, \"tallies\": {\"A\": [1, 2]}, \"balancing\": {\"default\": \"static:\xff\"}}", "line 1, position 66: malformed JSON: a string that is not UTF-8")]
    public void Text_that_is_not_utf8_is_one_line_naming_the_place(string latin1, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes(latin1));
        try
        {
            var result = AuditProcess.Run("rank", path);
            Assert.Equal(1, result.ExitCode);
            Assert.Equal($"error: {path} {expected}", result.Error.Trim());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Missing_file_is_reported()
    {
        var result = AuditProcess.Run("rank", "/nonexistent/tallies.json");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("/nonexistent/tallies.json: no such file", result.Error);
    }
}
