using System.CommandLine;
using Voting.Core.Counting;

namespace Voting.Audit;

/// <summary><c>rank FILE</c>: the majority-judgment ranking of bare tallies, with gauges and reasons.</summary>
public static class RankCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "JSON: {\"grades\": G, \"tallies\": {\"A\": [counts worst..best]}, \"balancing\": {\"default\": \"static:0\", \"judges\": J}}" };
        var indent = new Option<bool>("--indent") { Description = "Indent the JSON output (one line by default)." };
        var command = new Command("rank", "Rank projects by majority judgment from their merit profiles.") { file, indent };
        command.SetAction(parseResult => CommandRunner.Run(() =>
        {
            var input = RankInput.Read(parseResult.GetValue(file)!);
            var ranking = MajorityRanking.Rank(input.Tallies, input.Policy, input.Judges);
            using var stdout = Console.OpenStandardOutput();
            RankJson.Write(stdout, input, ranking, parseResult.GetValue(indent));
        }));
        return command;
    }
}
