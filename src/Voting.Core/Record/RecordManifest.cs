using System.Text.Json;

namespace Voting.Core.Record;

/// <summary>
/// <c>manifest.json</c>: the election, the SHA-256 (lowercase hex) of every other file of the record, the number
/// of counted ballots (receipts) and of rows of <c>ballots.csv</c>, the number of events in <c>log.jsonl</c> and
/// the head of the hash chain (the hash of the last event, or the definition's hash when the log is empty).
/// </summary>
public sealed record RecordManifest(
    string Format,
    string Election,
    IReadOnlyDictionary<string, string> Files,
    long Ballots,
    long Rows,
    long Events,
    string Head)
{
    public const string CurrentFormat = "mj-election-record/1";

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
            json.WriteString("head", Head);
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
            long Number(string name) =>
                root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0 ? n : throw new FormatException($"{name}: expected a whole number >= 0");
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
            var head = Text("head");
            if (!IsSha256(head)) throw new FormatException("head: expected a SHA-256 in lowercase hex");
            return new RecordManifest(format, Text("election"), files, Number("ballots"), Number("rows"), Number("events"), head);
        }
    }

    internal static bool IsSha256(string? text) =>
        text is { Length: 64 } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
