using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
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
    private const string English = "en";

    private static readonly JavaScriptEncoder Encoder = VotingJson.Options.Encoder!;

    private static readonly JsonEncodedText Id = Name("id"), Rank = Name("rank"), MajorityGrade = Name("majorityGrade"),
        Gauge = Name("gauge"), Grade = Name("grade"), Above = Name("above"), Below = Name("below"), Profile = Name("profile"),
        Ahead = Name("ahead"), Behind = Name("behind"), Kind = Name("kind"), Text = Name("text"), Texts = Name("texts");

    private static readonly JsonEncodedText[] KindNames = Enum.GetNames<ReasonKind>().Select(kind => Name(JsonNamingPolicy.CamelCase.ConvertName(kind))).ToArray();

    private static readonly (string Code, JsonEncodedText Name)[] Languages = RankingReason.Languages.Select(language => (language, Name(language))).ToArray();

    /// <summary>The ASCII bytes the encoder writes as they are.</summary>
    private static readonly SearchValues<byte> PlainAscii = SearchValues.Create(Enumerable.Range(0, 128).Where(c => !Encoder.WillEncode(c)).Select(c => (byte)c).ToArray());

    public static void Write(Stream output, RankInput input, Ranking ranking, bool indented)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented, Encoder = Encoder });
        json.WriteStartObject();
        json.WriteString("balancing", input.Policy.ToString());
        json.WriteNumber("judges", input.Judges);

        json.WriteStartArray("ranking");
        foreach (var project in ranking.Projects)
        {
            json.WriteStartObject();
            json.WriteString(Id, project.Id);
            json.WriteNumber(Rank, project.Rank);
            json.WriteNumber(MajorityGrade, project.MajorityGrade);
            json.WriteStartObject(Gauge);
            json.WriteNumber(Grade, project.Gauge.Grade);
            json.WriteNumber(Above, project.Gauge.Above);
            json.WriteNumber(Below, project.Gauge.Below);
            json.WriteEndObject();
            json.WriteStartArray(Profile);
            foreach (var count in project.Profile) json.WriteNumberValue(count);
            json.WriteEndArray();
            json.WriteEndObject();
            FlushIfFull(json);
        }
        json.WriteEndArray();

        var english = new Words();
        var other = new Words();
        json.WriteStartArray("reasons");
        foreach (var reason in ranking.Reasons)
        {
            json.WriteStartObject();
            json.WriteString(Ahead, reason.Ahead);
            json.WriteString(Behind, reason.Behind);
            json.WriteString(Kind, KindNames[(int)reason.Kind]);
            english.Of(reason, English).WriteTo(json, Text);
            json.WriteStartObject(Texts);
            foreach (var (code, name) in Languages)
                (code == English ? english : other.Of(reason, code)).WriteTo(json, name);
            json.WriteEndObject();
            json.WriteEndObject();
            FlushIfFull(json);
        }
        json.WriteEndArray();

        json.WriteEndObject();
        json.Flush();
        output.Write("\n"u8);
    }

    private static JsonEncodedText Name(string name) => JsonEncodedText.Encode(name, Encoder);

    private static void FlushIfFull(Utf8JsonWriter json)
    {
        if (json.BytesPending >= FlushAt) json.Flush();
    }

    /// <summary>
    /// A reason's words in one language, in UTF-8 between quotes. The writer looks at every byte of a string for
    /// characters to escape, most of the time of writing 100 MB of reasons; words of plain ASCII and characters
    /// the encoder keeps as they are read the same escaped or not, and go out as they are.
    /// </summary>
    private sealed class Words
    {
        private readonly ArrayBufferWriter<byte> _quoted = new(1024);
        private bool _asIs;

        public Words Of(RankingReason reason, string language)
        {
            _quoted.ResetWrittenCount();
            _quoted.Write("\""u8);
            reason.WriteText(language, _quoted);
            _quoted.Write("\""u8);
            _asIs = KeptAsIs(_quoted.WrittenSpan[1..^1]);
            return this;
        }

        public void WriteTo(Utf8JsonWriter json, JsonEncodedText name)
        {
            if (_asIs)
            {
                json.WritePropertyName(name);
                json.WriteRawValue(_quoted.WrittenSpan, skipInputValidation: true);
            }
            else json.WriteString(name, _quoted.WrittenSpan[1..^1]);
        }

        private static bool KeptAsIs(ReadOnlySpan<byte> utf8)
        {
            for (int at = utf8.IndexOfAnyExcept(PlainAscii); at >= 0; at = utf8.IndexOfAnyExcept(PlainAscii))
            {
                utf8 = utf8[at..];
                if (Rune.DecodeFromUtf8(utf8, out var rune, out int length) != OperationStatus.Done || rune.IsAscii || Encoder.WillEncode(rune.Value))
                    return false;
                utf8 = utf8[length..];
            }
            return true;
        }
    }
}
