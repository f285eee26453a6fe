using System.Buffers;
using System.Collections.Concurrent;
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

    private static readonly JavaScriptEncoder Encoder = VotingJson.Options.Encoder!;

    private static readonly JsonEncodedText Id = Name("id"), Rank = Name("rank"), MajorityGrade = Name("majorityGrade"),
        Gauge = Name("gauge"), Grade = Name("grade"), Above = Name("above"), Below = Name("below"), Profile = Name("profile"),
        Ahead = Name("ahead"), Behind = Name("behind"), Kind = Name("kind"), Text = Name("text"), Texts = Name("texts");

    private static readonly JsonEncodedText[] KindNames = Enum.GetNames<ReasonKind>().Select(kind => Name(JsonNamingPolicy.CamelCase.ConvertName(kind))).ToArray();

    private static readonly (string Code, JsonEncodedText Name)[] Languages = RankingReason.Languages.Select(language => (language, Name(language))).ToArray();

    /// <summary>The language of a reason's <c>text</c>.</summary>
    private static readonly int EnglishIndex = Array.FindIndex(Languages, language => language.Code == "en");

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

        json.WriteStartArray("reasons");
        using (var strings = new ReasonStrings(ranking.Reasons))
        {
            foreach (var batch in strings.Batches())
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    json.WriteStartObject();
                    batch.WriteTo(json, Ahead, i, ReasonBatch.Ahead);
                    batch.WriteTo(json, Behind, i, ReasonBatch.Behind);
                    json.WriteString(Kind, KindNames[(int)batch.Reason(i).Kind]);
                    batch.WriteTo(json, Text, i, ReasonBatch.Words + EnglishIndex);
                    json.WriteStartObject(Texts);
                    for (int language = 0; language < Languages.Length; language++)
                        batch.WriteTo(json, Languages[language].Name, i, ReasonBatch.Words + language);
                    json.WriteEndObject();
                    json.WriteEndObject();
                    FlushIfFull(json);
                }
                strings.Recycle(batch);
            }
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
    /// The reasons' strings, made on another thread in batches ahead of the JSON: the words of 100,000 reasons in
    /// three languages take a good part of the time of writing the whole document.
    /// </summary>
    private sealed class ReasonStrings : IDisposable
    {
        private const int Pending = 8;

        private readonly BlockingCollection<ReasonBatch> _written = new(Pending);
        private readonly BlockingCollection<ReasonBatch> _free = new(Pending);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _writing;

        public ReasonStrings(IReadOnlyList<RankingReason> reasons)
        {
            for (int i = 0; i < Pending; i++) _free.Add(new ReasonBatch());
            _writing = Task.Run(() => Write(reasons));
        }

        /// <summary>The batches in the reasons' order; each goes back with <see cref="Recycle"/> once written.</summary>
        public IEnumerable<ReasonBatch> Batches()
        {
            foreach (var batch in _written.GetConsumingEnumerable(_stop.Token)) yield return batch;
            _writing.GetAwaiter().GetResult(); // the writer's exception, if it stopped on one
        }

        public void Recycle(ReasonBatch batch) => _free.Add(batch);

        /// <summary>Stops the writing thread if the JSON stopped early.</summary>
        public void Dispose() => _stop.Cancel();

        private void Write(IReadOnlyList<RankingReason> reasons)
        {
            try
            {
                for (int start = 0; start < reasons.Count; start += ReasonBatch.Reasons)
                {
                    var batch = _free.Take(_stop.Token);
                    batch.Clear();
                    for (int i = start; i < Math.Min(start + ReasonBatch.Reasons, reasons.Count); i++) batch.Add(reasons[i]);
                    _written.Add(batch, _stop.Token);
                }
            }
            finally { _written.CompleteAdding(); }
        }
    }

    /// <summary>
    /// The strings of a run of reasons, each in UTF-8 between quotes: the ids of the projects ahead and behind, then
    /// the words in each language. The writer looks at every byte of a string for characters to escape, most of the
    /// time of writing 100 MB of reasons; strings of plain ASCII and characters the encoder keeps as they are read
    /// the same escaped or not, and go out as they are.
    /// </summary>
    private sealed class ReasonBatch
    {
        public const int Reasons = 64; // about 50 KB of strings, below the large object heap
        public const int Ahead = 0, Behind = 1, Words = 2;
        private static readonly int PerReason = Words + Languages.Length;

        private readonly List<RankingReason> _reasons = new(Reasons);
        private readonly ArrayBufferWriter<byte> _quoted = new(1 << 16);
        private readonly List<(int Start, int End)> _strings = new(Reasons * PerReason);

        public int Count => _reasons.Count;

        public RankingReason Reason(int index) => _reasons[index];

        public void Clear()
        {
            _reasons.Clear();
            _quoted.ResetWrittenCount();
            _strings.Clear();
        }

        public void Add(RankingReason reason)
        {
            _reasons.Add(reason);
            AddId(reason.Ahead);
            AddId(reason.Behind);
            foreach (var (code, _) in Languages)
            {
                int start = Open();
                reason.WriteText(code, _quoted);
                Close(start);
            }
        }

        /// <summary>Writes string <paramref name="which"/> (<see cref="Ahead"/>, <see cref="Behind"/>, <see cref="Words"/> + language) of a reason.</summary>
        public void WriteTo(Utf8JsonWriter json, JsonEncodedText name, int reason, int which)
        {
            var (start, end) = _strings[reason * PerReason + which];
            var quoted = _quoted.WrittenSpan[start..end];
            if (KeptAsIs(quoted[1..^1]))
            {
                json.WritePropertyName(name);
                json.WriteRawValue(quoted, skipInputValidation: true);
            }
            else json.WriteString(name, quoted[1..^1]);
        }

        private void AddId(string id)
        {
            int start = Open();
            _quoted.Advance(Encoding.UTF8.GetBytes(id, _quoted.GetSpan(Encoding.UTF8.GetMaxByteCount(id.Length))));
            Close(start);
        }

        private int Open()
        {
            _quoted.Write("\""u8);
            return _quoted.WrittenCount - 1;
        }

        private void Close(int start)
        {
            _quoted.Write("\""u8);
            _strings.Add((start, _quoted.WrittenCount));
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
