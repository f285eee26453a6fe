using System.CommandLine;
using System.Text.Json;
using Voting.Core.Counting;

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

    private static void WriteJson(TextWriter output, RankInput input, Ranking ranking)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("balancing", input.Policy.ToString());
            json.WriteNumber("judges", input.Judges);
            json.WriteStartArray("ranking");
            foreach (var project in ranking.Projects)
            {
                json.WriteStartObject();
                json.WriteString("id", project.Id);
                json.WriteNumber("rank", project.Rank);
                json.WriteNumber("majorityGrade", project.MajorityGrade);
                json.WriteStartObject("gauge");
                json.WriteNumber("grade", project.Gauge.Grade);
                json.WriteNumber("above", project.Gauge.Above);
                json.WriteNumber("below", project.Gauge.Below);
                json.WriteEndObject();
                json.WriteStartArray("profile");
                foreach (var count in project.Profile) json.WriteNumberValue(count);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("reasons");
            foreach (var reason in ranking.Reasons)
            {
                json.WriteStartObject();
                json.WriteString("ahead", reason.Ahead);
                json.WriteString("behind", reason.Behind);
                json.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(reason.Kind.ToString()));
                json.WriteString("text", reason.Text);
                json.WriteStartObject("texts");
                foreach (var (language, text) in reason.Texts) json.WriteString(language, text);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
