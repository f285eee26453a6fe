using System.CommandLine;
using System.Text.Json;
using Voting.Core.Counting;
using Voting.Core.Json;
using Voting.Core.Results;

namespace Voting.Audit;

/// <summary><c>rank FILE</c>: the majority-judgment ranking of bare tallies, with gauges and reasons.</summary>
public static class RankCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "JSON: {\"grades\": G, \"tallies\": {\"A\": [counts worst..best]}, \"balancing\": {\"default\": \"static:0\", \"judges\": J}}" };
        var command = new Command("rank", "Rank projects by majority judgment from their merit profiles.") { file };
        command.SetAction(parseResult => CommandRunner.Run(() =>
        {
            var input = RankInput.Read(parseResult.GetValue(file)!);
            var ranking = MajorityRanking.Rank(input.Tallies, input.Policy, input.Judges);
            WriteJson(Console.Out, input, ranking);
        }));
        return command;
    }

    /// <summary>The ranking best first (<c>id</c>, <c>rank</c>, <c>majorityGrade</c>, gauge, balanced profile) and the reasons.</summary>
    private sealed record RankOutput(string Balancing, long Judges, IReadOnlyList<RankedOutput> Ranking, IReadOnlyList<ReasonResult> Reasons);

    private sealed record RankedOutput(string Id, int Rank, int MajorityGrade, GaugeResult Gauge, long[] Profile);

    private static void WriteJson(TextWriter output, RankInput input, Ranking ranking)
    {
        var result = new RankOutput(
            input.Policy.ToString(),
            input.Judges,
            ranking.Projects.Select(p => new RankedOutput(p.Id, p.Rank, p.MajorityGrade, GaugeResult.From(p.Gauge), p.Profile)).ToArray(),
            ranking.Reasons.Select(ReasonResult.From).ToArray());
        output.WriteLine(JsonSerializer.Serialize(result, VotingJson.Indented));
    }
}
