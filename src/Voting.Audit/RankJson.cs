using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Voting.Core.Counting;
using Voting.Core.Json;

namespace Voting.Audit;

/// <summary>
/// Writes <c>rank</c>'s document as it goes: <c>balancing</c>, <c>judges</c>, the ranking best first (<c>id</c>,
/// <c>rank</c>, <c>majorityGrade</c>, <c>gauge</c>, balanced <c>profile</c>) and the reasons. The gauge and the
/// reasons have the members of the results' <c>GaugeResult</c> and <c>ReasonResult</c>. Each element is written
/// compact by hand (<see cref="CompactJson"/>); indented output lays the same elements out again.
/// </summary>
public static class RankJson
{
    private const int FlushAt = 1 << 16;

    /// <summary>Each reason kind's name as a JSON string.</summary>
    private static readonly byte[][] KindValues = Enum.GetNames<ReasonKind>()
        .Select(kind => Encoding.UTF8.GetBytes($"\"{JsonNamingPolicy.CamelCase.ConvertName(kind)}\"")).ToArray();

    /// <summary>Each language's member of <c>texts</c>, a comma before all but the first.</summary>
    private static readonly byte[][] TextsMembers = RankingReason.Languages
        .Select((language, i) => Encoding.UTF8.GetBytes($"{(i == 0 ? "" : ",")}\"{language}\":")).ToArray();

    /// <summary>The language of a reason's <c>text</c>.</summary>
    private const string TextLanguage = "en";

    public static void Write(Stream output, RankInput input, Ranking ranking, bool indented)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented, Encoder = VotingJson.Options.Encoder });
        json.WriteStartObject();
        json.WriteString("balancing", input.Policy.ToString());
        json.WriteNumber("judges", input.Judges);

        json.WriteStartArray("ranking");
        WriteElements(json, output, ranking.Projects, indented, WriteProject, project => project.Id.Length + project.Profile.Length);
        json.WriteEndArray();

        json.WriteStartArray("reasons");
        WriteElements(json, output, ranking.Reasons, indented, WriteReason, reason => reason.Behind.Length);
        json.WriteEndArray();

        json.WriteEndObject();
        json.Flush();
        output.Write("\n"u8);
    }

    private static void WriteProject(CompactJson json, RankedProject project)
    {
        json.Raw("{\"id\":"u8);
        json.String(project.Id);
        json.Raw(",\"rank\":"u8);
        json.Number(project.Rank);
        json.Raw(",\"majorityGrade\":"u8);
        json.Number(project.MajorityGrade);
        json.Raw(",\"gauge\":{\"grade\":"u8);
        json.Number(project.Gauge.Grade);
        json.Raw(",\"above\":"u8);
        json.Number(project.Gauge.Above);
        json.Raw(",\"below\":"u8);
        json.Number(project.Gauge.Below);
        json.Raw("},\"profile\":["u8);
        for (int grade = 0; grade < project.Profile.Length; grade++)
        {
            if (grade > 0) json.Raw(","u8);
            json.Number(project.Profile[grade]);
        }
        json.Raw("]}"u8);
    }

    private static void WriteReason(CompactJson json, RankingReason reason)
    {
        json.Raw("{\"ahead\":"u8);
        json.String(reason.Ahead);
        json.Raw(",\"behind\":"u8);
        json.String(reason.Behind);
        json.Raw(",\"kind\":"u8);
        json.Raw(KindValues[(int)reason.Kind]);
        json.Raw(",\"text\":"u8);
        int textStart = json.Length;
        WriteText(json, reason, TextLanguage);
        int textEnd = json.Length;
        json.Raw(",\"texts\":{"u8);
        for (int language = 0; language < RankingReason.Languages.Count; language++)
        {
            json.Raw(TextsMembers[language]);
            if (RankingReason.Languages[language] == TextLanguage) json.Repeat(textStart, textEnd);
            else WriteText(json, reason, RankingReason.Languages[language]);
        }
        json.Raw("}}"u8);
    }

    private static void WriteText(CompactJson json, RankingReason reason, string language)
    {
        json.Raw("\""u8);
        reason.WriteJsonText(language, json);
        json.Raw("\""u8);
    }

    /// <summary>
    /// Writes the elements of an array. Unindented, they are written on other threads in batches ahead of this one,
    /// which puts them out in order: writing 100,000 reasons in three languages takes longer than ranking them.
    /// </summary>
    /// <param name="fetch">Reads what of an element lies elsewhere on the heap: its id, its profile.</param>
    private static void WriteElements<T>(Utf8JsonWriter json, Stream output, IReadOnlyList<T> elements, bool indented, Action<CompactJson, T> write, Func<T, int> fetch)
    {
        if (indented)
        {
            var element = new CompactJson();
            foreach (var item in elements)
            {
                element.Clear();
                write(element, item);
                using var laidOut = JsonDocument.Parse(element.Written);
                laidOut.RootElement.WriteTo(json);
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
            ahead.Enqueue(Task.Run(() => (free.TryTake(out var batch) ? batch : new ElementBatch()).Render(elements, start, end, write, fetch)));
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
            output.Write(batch.Elements.Span);
            first = false;
            free.Add(batch);
        }
    }

    /// <summary>A run of consecutive elements written as compact JSON, separated by commas.</summary>
    private sealed class ElementBatch
    {
        public const int Size = 1024; // about 1 MB of reasons: fewer hand-offs between the threads

        private readonly CompactJson _json = new();

        /// <summary>What the fetching read, kept only so that the reads cannot be left out as unused.</summary>
        private int _fetched;

        public ReadOnlyMemory<byte> Elements => _json.Written;

        public ElementBatch Render<T>(IReadOnlyList<T> elements, int start, int end, Action<CompactJson, T> write, Func<T, int> fetch)
        {
            // The ids and profiles lie across the heap in the input's order, not the ranking's. Read all at once, they
            // are fetched from memory side by side; read as the text needs them, one after the other, they cost more
            // than the text.
            int fetched = 0;
            for (int i = start; i < end; i++) fetched += fetch(elements[i]);
            _fetched = fetched;
            _json.Clear();
            for (int i = start; i < end; i++)
            {
                if (i > start) _json.Raw(","u8);
                write(_json, elements[i]);
            }
            return this;
        }
    }
}
