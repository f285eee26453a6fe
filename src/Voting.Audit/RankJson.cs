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
        WriteElements(json, output, ranking.Projects, indented, (element, project, _) => WriteProject(element, project));
        json.WriteEndArray();

        json.WriteStartArray("reasons");
        WriteElements(json, output, ranking.Reasons, indented, WriteReason);
        json.WriteEndArray();

        json.WriteEndObject();
        json.Flush();
        output.Write("\n"u8);
    }

    private static void WriteProject(Utf8JsonWriter json, RankedProject project)
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
    }

    /// <param name="words">Scratch space for the reason's words in every language, each between quotes.</param>
    private static void WriteReason(Utf8JsonWriter json, RankingReason reason, ArrayBufferWriter<byte> words)
    {
        words.ResetWrittenCount();
        Span<int> ends = stackalloc int[Languages.Length];
        for (int language = 0; language < Languages.Length; language++)
        {
            words.Write("\""u8);
            reason.WriteText(Languages[language].Code, words);
            words.Write("\""u8);
            ends[language] = words.WrittenCount;
        }

        json.WriteStartObject();
        json.WriteString(Ahead, reason.Ahead);
        json.WriteString(Behind, reason.Behind);
        json.WriteString(Kind, KindNames[(int)reason.Kind]);
        WriteQuoted(json, Text, Slice(words.WrittenSpan, ends, EnglishIndex));
        json.WriteStartObject(Texts);
        for (int language = 0; language < Languages.Length; language++)
            WriteQuoted(json, Languages[language].Name, Slice(words.WrittenSpan, ends, language));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// Writes a UTF-8 string given between quotes. The writer looks at every byte of a string for characters to
    /// escape, most of the time of writing 100 MB of reasons; a string of plain ASCII and characters the encoder
    /// keeps as they are reads the same escaped or not, and goes out as it is.
    /// </summary>
    private static void WriteQuoted(Utf8JsonWriter json, JsonEncodedText name, ReadOnlySpan<byte> quoted)
    {
        if (KeptAsIs(quoted[1..^1]))
        {
            json.WritePropertyName(name);
            json.WriteRawValue(quoted, skipInputValidation: true);
        }
        else json.WriteString(name, quoted[1..^1]);
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

    /// <summary>Item <paramref name="index"/> of items written one after the other, each ending at its end.</summary>
    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> items, ReadOnlySpan<int> ends, int index) =>
        items[(index == 0 ? 0 : ends[index - 1])..ends[index]];

    private static JsonEncodedText Name(string name) => JsonEncodedText.Encode(name, Encoder);

    /// <summary>
    /// Writes the elements of an array. Unindented, they are written on other threads in batches ahead of this one,
    /// which puts them out in order: writing 100,000 reasons in three languages takes longer than ranking them.
    /// </summary>
    private static void WriteElements<T>(Utf8JsonWriter json, Stream output, IReadOnlyList<T> elements, bool indented, Action<Utf8JsonWriter, T, ArrayBufferWriter<byte>> write)
    {
        if (indented)
        {
            var words = new ArrayBufferWriter<byte>();
            foreach (var element in elements)
            {
                write(json, element, words);
                if (json.BytesPending >= FlushAt) json.Flush();
            }
            return;
        }

        var free = new ConcurrentBag<ElementBatch>();
        var ahead = new Queue<Task<ElementBatch>>();
        int next = 0;
        void RenderNext()
        {
            int start = next, end = Math.Min(elements.Count, start + ElementBatch.Size);
            next = end;
            ahead.Enqueue(Task.Run(() => (free.TryTake(out var batch) ? batch : new ElementBatch()).Render(elements, start, end, write)));
        }
        while (next < elements.Count && ahead.Count < Environment.ProcessorCount) RenderNext();
        json.Flush();
        bool first = true;
        while (ahead.TryDequeue(out var rendering))
        {
            var batch = rendering.GetAwaiter().GetResult();
            if (next < elements.Count) RenderNext();
            // Straight to the output: the writer goes on as after an empty array, which reads the same unindented.
            if (!first) output.Write(","u8);
            output.Write(batch.Elements);
            first = false;
            free.Add(batch);
        }
    }

    /// <summary>A run of consecutive elements written as compact JSON, separated by commas.</summary>
    private sealed class ElementBatch
    {
        public const int Size = 64; // about 64 KB of reasons, below the large object heap

        private readonly ArrayBufferWriter<byte> _bytes = new(1 << 16);
        private readonly ArrayBufferWriter<byte> _words = new();
        private readonly Utf8JsonWriter _json;

        public ElementBatch() => _json = new Utf8JsonWriter(_bytes, new JsonWriterOptions { Encoder = Encoder });

        public ReadOnlySpan<byte> Elements => _bytes.WrittenSpan[1..]; // after the array's '['

        public ElementBatch Render<T>(IReadOnlyList<T> elements, int start, int end, Action<Utf8JsonWriter, T, ArrayBufferWriter<byte>> write)
        {
            _bytes.ResetWrittenCount();
            _json.Reset(_bytes);
            _json.WriteStartArray();
            for (int i = start; i < end; i++) write(_json, elements[i], _words);
            _json.Flush();
            return this;
        }
    }
}
