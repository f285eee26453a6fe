using System.Text.Json;
using Voting.Core.Counting;
using Voting.Core.Json;

namespace Voting.Audit;

/// <summary>
/// Writes <c>rank</c>'s document as it goes, flushing every 64 KiB: <c>balancing</c>, <c>judges</c>, the ranking
/// best first (<c>id</c>, <c>rank</c>, <c>majorityGrade</c>, <c>gauge</c>, balanced <c>profile</c>) and the
/// reasons. The gauge and the reasons have the members of the results' <c>GaugeResult</c> and <c>ReasonResult</c>.
/// </summary>
public static class RankJson
{
    private const int FlushAt = 1 << 16;

    private static readonly string[] KindNames = Enum.GetNames<ReasonKind>().Select(JsonNamingPolicy.CamelCase.ConvertName).ToArray();

    public static void Write(Stream output, RankInput input, Ranking ranking, bool indented)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented, Encoder = VotingJson.Options.Encoder });
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
            FlushIfFull(json);
        }
        json.WriteEndArray();

        json.WriteStartArray("reasons");
        foreach (var reason in ranking.Reasons)
        {
            json.WriteStartObject();
            json.WriteString("ahead", reason.Ahead);
            json.WriteString("behind", reason.Behind);
            json.WriteString("kind", KindNames[(int)reason.Kind]);
            json.WriteString("text", reason.Text);
            json.WriteStartObject("texts");
            foreach (var (language, text) in reason.Texts) json.WriteString(language, text);
            json.WriteEndObject();
            json.WriteEndObject();
            FlushIfFull(json);
        }
        json.WriteEndArray();

        json.WriteEndObject();
        json.Flush();
        output.Write("\n"u8);
    }

    private static void FlushIfFull(Utf8JsonWriter json)
    {
        if (json.BytesPending >= FlushAt) json.Flush();
    }
}
