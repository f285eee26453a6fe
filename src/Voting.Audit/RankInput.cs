using System.Text;
using System.Text.Json;
using Voting.Core.Counting;

namespace Voting.Audit;

/// <summary>
/// The input of <c>rank</c>: <c>{"grades": G, "tallies": {"A": [counts worst..best], ...},
/// "balancing": {"default": "static:K" | "median" | "normalize", "judges": J}}</c>.
/// </summary>
public sealed record RankInput(int Grades, IReadOnlyList<ProjectTally> Tallies, BalancingPolicy Policy, long Judges)
{
    public static RankInput Read(string path)
    {
        if (!File.Exists(path)) throw new AuditError($"{path}: no such file");
        return Parse(path, File.ReadAllBytes(path), Fields.SplitFrom, out _);
    }

    /// <param name="path">The name errors give the document.</param>
    /// <param name="splitFrom">Documents from this many bytes are read in two parts side by side.</param>
    /// <param name="parts">The parts the document was read in: 1, or 2 when the two parts could be joined.</param>
    internal static RankInput Parse(string path, byte[] json, int splitFrom, out int parts)
    {
        Fields fields;
        try
        {
            fields = Fields.Read(json, splitFrom);
            parts = fields.Parts;
        }
        catch (JsonException e)
        {
            throw new AuditError($"{path} line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}: malformed JSON: {FirstSentence(e.Message)}");
        }
        return Check(path, fields);
    }

    private static RankInput Check(string path, Fields fields)
    {
        AuditError Error(string at, string what) => new($"{path}, {at}: {what}");

        if (!fields.RootIsObject) throw Error("top level", "expected an object with \"grades\" and \"tallies\"");
        if (fields.Grades is not { } grades) throw Error("field 'grades'", "expected the number of grades, a whole number");
        if (grades < 2) throw Error("field 'grades'", $"{grades} grades: a scale needs at least 2");

        if (fields.Tallies is not { } projects)
            throw Error("field 'tallies'", "expected an object of projects, each with its counts worst..best");
        var tallies = new ProjectTally[projects.Count];
        for (int i = 0; i < tallies.Length; i++)
        {
            var (id, counts, problem) = projects[i];
            if (problem is { Index: var index, What: var what }) throw Error(index is null ? $"tallies.{id}" : $"tallies.{id}[{index}]", what);
            if (counts.Length != grades) throw Error($"tallies.{id}", $"{counts.Length} counts for {grades} grades");
            tallies[i] = new ProjectTally(id, counts);
        }

        long largest = 0;
        foreach (var (id, counts, _) in projects)
        {
            try { largest = Math.Max(largest, checked(counts.Sum())); }
            catch (OverflowException) { throw Error($"tallies.{id}", "the counts add up beyond 2^63"); }
        }

        var policy = BalancingPolicy.Default;
        long judges = largest;
        if (fields.Balancing is { } balancing)
        {
            if (!balancing.IsObject) throw Error("field 'balancing'", "expected {\"default\": policy, \"judges\": J}");
            if (balancing.HasDefault)
            {
                if (balancing.Default is null)
                    throw Error("field 'balancing.default'", "expected a string: static:K, median or normalize");
                if (!BalancingPolicy.TryParse(balancing.Default, out policy, out var error))
                    throw Error("field 'balancing.default'", error);
                if (policy.Kind == BalancingKind.Static && policy.StaticGrade >= grades)
                    throw Error("field 'balancing.default'", $"static grade {policy.StaticGrade} is outside the scale of {grades} grades");
            }
            if (balancing.HasJudges)
            {
                if (balancing.Judges is not { } given || given < 0)
                    throw Error("field 'balancing.judges'", "expected a non-negative whole number");
                judges = given;
                if (policy.Kind != BalancingKind.Normalize && judges < largest)
                    throw Error("field 'balancing.judges'", $"{judges} judges, but a project has {largest} judgments");
            }
        }
        return new RankInput(grades, tallies, policy, judges);
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }

    /// <summary>A project as written; <see cref="Problem"/> is the first thing wrong with it (at a count's index, or at the project).</summary>
    private readonly record struct Project(string Id, long[] Counts, (int? Index, string What)? Problem);

    private sealed record Balancing(bool IsObject, bool HasDefault, string? Default, bool HasJudges, long? Judges);

    /// <summary>
    /// The fields of the document, read in one pass and checked afterwards, so that malformed JSON anywhere is
    /// reported before what the fields mean. A field of the wrong kind is read as null.
    /// </summary>
    /// <remarks>
    /// A large document is read in two parts side by side: this thread reads up to a member of <c>tallies</c> near
    /// the middle, another reads the rest as if it were <c>{"tallies":{</c> followed by the next member. The middle
    /// is a guess, taken where the bytes read <c>], "</c>: the parts are joined only if this thread finds a member
    /// ending there. Whenever anything is wrong or unclear (a guess inside a string, malformed JSON, a name in both
    /// parts), the whole document is read again in one part, which reports the error at its place.
    /// </remarks>
    private sealed class Fields
    {
        /// <summary>Documents from this many bytes are read in two parts.</summary>
        public const int SplitFrom = 1 << 20;

        private static readonly byte[] RestPrefix = "{\"tallies\":{"u8.ToArray();

        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

        public bool RootIsObject { get; private set; }
        public int? Grades { get; private set; }
        public List<Project>? Tallies { get; private set; }
        public Balancing? Balancing { get; private set; }

        public int Parts { get; private set; } = 1;

        /// <summary>Whether the reading stopped at the end of a member of <c>tallies</c>, leaving the rest unread.</summary>
        private bool Stopped { get; set; }

        public static Fields Read(byte[] json, int splitFrom)
        {
            if (json.Length >= splitFrom && MemberNearMiddle(json) is var (end, next))
            {
                var rest = Task.Run(() => ReadRest(json, next));
                var first = Read(json, stopAfter: end);
                if (first.Stopped && rest.GetAwaiter().GetResult() is { } second && first.Join(second)) return first;
            }
            return Read(json, stopAfter: -1);
        }

        /// <summary>
        /// Where a member of an object probably ends near the middle of the document (after its <c>]</c>), and where
        /// the next one starts (its <c>"</c>); null when the second half has no such place.
        /// </summary>
        private static (int End, int Next)? MemberNearMiddle(byte[] json)
        {
            for (int from = json.Length / 2; json.AsSpan(from).IndexOf((byte)']') is var close and >= 0; )
            {
                int end = from + close + 1, comma = SkipSpace(json, end);
                if (comma < json.Length && json[comma] == ',' && SkipSpace(json, comma + 1) is var quote && quote < json.Length && json[quote] == '"')
                    return (end, quote);
                from = end;
            }
            return null;
        }

        private static int SkipSpace(byte[] json, int at)
        {
            while (at < json.Length && json[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') at++;
            return at;
        }

        /// <summary>The document from <paramref name="next"/> on, read after <c>{"tallies":{</c>; null when it is not JSON.</summary>
        private static Fields? ReadRest(byte[] json, int next)
        {
            var rest = new byte[RestPrefix.Length + json.Length - next];
            RestPrefix.CopyTo(rest, 0);
            json.AsSpan(next).CopyTo(rest.AsSpan(RestPrefix.Length));
            try
            {
                var fields = Read(rest, stopAfter: -1);
                fields._names.Remove("tallies");
                return fields;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>Adds the rest of the document to the part read up to the middle; false when a name is in both.</summary>
        private bool Join(Fields rest)
        {
            if (_names.Overlaps(rest._names) || _ids.Overlaps(rest._ids)) return false;
            Tallies!.AddRange(rest.Tallies!);
            if (rest._names.Contains("grades")) Grades = rest.Grades;
            if (rest._names.Contains("balancing")) Balancing = rest.Balancing;
            Parts = 2;
            return true;
        }

        /// <param name="stopAfter">Stop after a member of <c>tallies</c> ending there (-1: read it all).</param>
        private static Fields Read(byte[] json, long stopAfter)
        {
            var fields = new Fields();
            var reader = new Utf8JsonReader(json);
            reader.Read();
            fields.RootIsObject = reader.TokenType == JsonTokenType.StartObject;
            if (fields.RootIsObject)
            {
                while (NextProperty(ref reader, json, fields._names) is { } name)
                {
                    switch (name)
                    {
                        case "grades":
                            fields.Grades = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int grades) ? grades : null;
                            break;
                        case "tallies":
                            fields.Tallies = reader.TokenType == JsonTokenType.StartObject ? fields.ReadTallies(ref reader, json, stopAfter) : null;
                            if (fields.Stopped) return fields;
                            break;
                        case "balancing":
                            fields.Balancing = reader.TokenType == JsonTokenType.Null ? null : ReadBalancing(ref reader, json);
                            break;
                    }
                    reader.Skip();
                }
            }
            else reader.Skip();
            reader.Read(); // throws on anything after the top-level value
            return fields;
        }

        private List<Project> ReadTallies(ref Utf8JsonReader reader, byte[] json, long stopAfter)
        {
            var projects = new List<Project>();
            var counts = new List<long>();
            while (NextProperty(ref reader, json, _ids) is { } id)
            {
                counts.Clear();
                (int?, string)? problem = null;
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    problem = (null, "expected an array of counts");
                    reader.Skip();
                }
                else
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        long start = reader.TokenStartIndex;
                        long value = 0;
                        bool whole = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value);
                        reader.Skip();
                        if (problem is not null) continue;
                        if (!whole)
                            problem = (counts.Count, $"'{Encoding.UTF8.GetString(json, (int)start, (int)(reader.BytesConsumed - start))}' is not a whole number");
                        else if (value < 0)
                            problem = (counts.Count, $"negative count {value}");
                        else
                            counts.Add(value);
                    }
                }
                projects.Add(new Project(id, counts.ToArray(), problem));
                if (reader.BytesConsumed == stopAfter)
                {
                    Stopped = true;
                    break;
                }
            }
            return projects;
        }

        private static Balancing ReadBalancing(ref Utf8JsonReader reader, byte[] json)
        {
            if (reader.TokenType != JsonTokenType.StartObject) return new Balancing(false, false, null, false, null);
            bool hasDefault = false, hasJudges = false;
            string? policy = null;
            long? judges = null;
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (NextProperty(ref reader, json, names) is { } name)
            {
                if (name == "default")
                {
                    hasDefault = true;
                    policy = reader.TokenType == JsonTokenType.String ? StringOf(ref reader, json) : null;
                }
                else if (name == "judges")
                {
                    hasJudges = true;
                    judges = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value) ? value : null;
                }
                reader.Skip();
            }
            return new Balancing(true, hasDefault, policy, hasJudges, judges);
        }

        /// <summary>
        /// Reads the next property of the object the reader is in and moves to its value; null at the end of the
        /// object. A name seen before in the same object is malformed JSON.
        /// </summary>
        private static string? NextProperty(ref Utf8JsonReader reader, byte[] json, HashSet<string> seen)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject) return null;
            long start = reader.TokenStartIndex;
            var name = StringOf(ref reader, json);
            if (!seen.Add(name)) throw Malformed(json, start, $"duplicate property '{name}'");
            reader.Read();
            return name;
        }

        /// <summary>The string the reader is on; text that is not UTF-8 is malformed JSON.</summary>
        private static string StringOf(ref Utf8JsonReader reader, byte[] json)
        {
            try
            {
                return reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw Malformed(json, reader.TokenStartIndex, "a string that is not UTF-8");
            }
        }

        private static JsonException Malformed(byte[] json, long at, string what)
        {
            var before = json.AsSpan(0, (int)at);
            int lineStart = before.LastIndexOf((byte)'\n') + 1;
            return new JsonException(what, path: null, lineNumber: before.Count((byte)'\n'), bytePositionInLine: at - lineStart);
        }
    }
}
