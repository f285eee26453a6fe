using System.Text.Json;

namespace Voting.Core.Record;

/// <summary>
/// <c>manifest.json</c>: the election, the SHA-256 (lowercase hex) of every other file of the record, the number
/// of counted ballots (receipts) and of rows of <c>ballots.csv</c>, the number of events of all the logs, and per
/// ballot box, in box order, its number of events and the head of its hash chain (the hash of its last event, or the
/// definition's hash when its log is empty). A record of one box (<see cref="CurrentFormat"/>) gives these as
/// <c>events</c> and <c>head</c>; a record of several (<see cref="BoxesFormat"/>) as a <c>boxes</c> array.
/// </summary>
public sealed record RecordManifest(
    string Format,
    string Election,
    IReadOnlyDictionary<string, string> Files,
    long Ballots,
    long Rows,
    long Events,
    IReadOnlyList<RecordBox> Boxes)
{
    /// <summary>The format of a record of one ballot box, whose log is <c>log.jsonl</c>.</summary>
    public const string CurrentFormat = "mj-election-record/1";

    /// <summary>The format of a record of two ballot boxes or more, whose logs are <c>log-0.jsonl</c>, <c>log-1.jsonl</c>...</summary>
    public const string BoxesFormat = "mj-election-record/2";

    /// <summary>The manifest of a record of one ballot box.</summary>
    public RecordManifest(string format, string election, IReadOnlyDictionary<string, string> files, long ballots, long rows, long events, string head)
        : this(format, election, files, ballots, rows, events, [new RecordBox(events, head)])
    {
    }

    /// <summary>The head of the chain of a record of one box; null when there are several (each box has its own).</summary>
    public string? Head => Boxes.Count == 1 ? Boxes[0].Head : null;

    /// <summary>Indented JSON, keys in this order, files sorted by name (ordinal).</summary>
    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("election", Election);
            json.WriteStartObject("files");
            foreach (var (name, sha) in Files.OrderBy(f => f.Key, StringComparer.Ordinal))
                json.WriteString(name, sha);
            json.WriteEndObject();
            json.WriteNumber("ballots", Ballots);
            json.WriteNumber("rows", Rows);
            json.WriteNumber("events", Events);
            if (Boxes.Count == 1)
            {
                json.WriteString("head", Boxes[0].Head);
            }
            else
            {
                json.WriteStartArray("boxes");
                foreach (var box in Boxes)
                {
                    json.WriteStartObject();
                    json.WriteNumber("events", box.Events);
                    json.WriteString("head", box.Head);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Reads a manifest; every problem is a <see cref="FormatException"/> naming the field.</summary>
    public static RecordManifest Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("expected a JSON object");
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
                if (!names.Add(property.Name)) throw new FormatException($"{property.Name}: appears twice");
            string Text(string name) =>
                root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"{name}: expected a string");
            long Number(string name) => WholeNumber(root, name, name);
            var format = root.TryGetProperty("format", out _) ? Text("format") : CurrentFormat;
            if (!root.TryGetProperty("files", out var filesElement) || filesElement.ValueKind != JsonValueKind.Object)
                throw new FormatException("files: expected an object of file name -> SHA-256");
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in filesElement.EnumerateObject())
            {
                if (file.Value.ValueKind != JsonValueKind.String || !IsSha256(file.Value.GetString()))
                    throw new FormatException($"files.{file.Name}: expected a SHA-256 in lowercase hex");
                if (!files.TryAdd(file.Name, file.Value.GetString()!)) throw new FormatException($"files.{file.Name}: appears twice");
            }
            var boxes = format == BoxesFormat ? ReadBoxes(root) : new[] { new RecordBox(Number("events"), Sha256(root, "head", "head")) };
            return new RecordManifest(format, Text("election"), files, Number("ballots"), Number("rows"), Number("events"), boxes);
        }
    }

    private static RecordBox[] ReadBoxes(JsonElement root)
    {
        if (!root.TryGetProperty("boxes", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() < 2)
            throw new FormatException("boxes: expected an array of 2 boxes or more, each {\"events\": n, \"head\": SHA-256}");
        return array.EnumerateArray().Select((box, b) => box.ValueKind == JsonValueKind.Object
            ? new RecordBox(WholeNumber(box, "events", $"boxes[{b}].events"), Sha256(box, "head", $"boxes[{b}].head"))
            : throw new FormatException($"boxes[{b}]: expected an object")).ToArray();
    }

    private static long WholeNumber(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0
            ? n
            : throw new FormatException($"{path}: expected a whole number >= 0");

    private static string Sha256(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && IsSha256(v.GetString())
            ? v.GetString()!
            : throw new FormatException($"{path}: expected a SHA-256 in lowercase hex");

    internal static bool IsSha256(string? text) =>
        text is { Length: 64 } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
