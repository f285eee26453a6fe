using System.Text.Json;

namespace Voting.Core.Trail;

/// <summary>
/// The election record's <c>trail.jsonl</c> (docs/record.md): one JSON object per entry and per line, fields in this
/// order: <c>at</c> (UTC, ending in <c>Z</c>), <c>actor</c>, <c>address</c>, <c>action</c>, then <c>voters</c> or
/// <c>account</c> when the entry has one. Every line ends with <c>\n</c>; no trail is an empty file.
/// </summary>
public static class TrailLines
{
    private static readonly Dictionary<string, TrailAction> ByName =
        Enum.GetValues<TrailAction>().ToDictionary(ActionName, StringComparer.Ordinal);

    private static readonly HashSet<string> Fields = ["at", "actor", "address", "action", "voters", "account"];

    /// <summary>An action as the trail writes it: <c>create</c>, <c>import</c>, <c>open</c>, <c>close</c>, <c>addAdministrator</c>, <c>addObserver</c>.</summary>
    public static string ActionName(TrailAction action) => JsonNamingPolicy.CamelCase.ConvertName(action.ToString());

    public static byte[] Write(IEnumerable<TrailEntry> trail)
    {
        using var stream = new MemoryStream();
        foreach (var entry in trail)
        {
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                json.WriteString("at", entry.At.UtcDateTime);
                json.WriteString("actor", entry.Actor);
                json.WriteString("address", entry.Address);
                json.WriteString("action", ActionName(entry.Action));
                if (entry.Voters is { } voters) json.WriteNumber("voters", voters);
                if (entry.Account is { } account) json.WriteString("account", account);
                json.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
        }
        return stream.ToArray();
    }

    /// <summary>
    /// The entries of a trail file; each line that is not an entry is reported to <paramref name="problem"/> (line
    /// number from 1, field when it is one, what is wrong) and left out.
    /// </summary>
    public static IReadOnlyList<TrailEntry> Read(ReadOnlySpan<byte> file, Action<long, string?, string> problem)
    {
        var entries = new List<TrailEntry>();
        long number = 0;
        while (!file.IsEmpty)
        {
            number++;
            int end = file.IndexOf((byte)'\n');
            if (end < 0)
            {
                problem(number, null, "the last line does not end with \\n");
                end = file.Length;
            }
            var line = file[..end];
            file = end < file.Length ? file[(end + 1)..] : default;
            if (Entry(line, number, problem) is { } entry) entries.Add(entry);
        }
        return entries;
    }

    private static TrailEntry? Entry(ReadOnlySpan<byte> line, long number, Action<long, string?, string> problem)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            document = JsonDocument.ParseValue(ref reader);
            if (reader.Read()) throw new JsonException("more than one value on the line");
        }
        catch (JsonException)
        {
            problem(number, null, "not a JSON object on one line");
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem(number, null, "not a JSON object on one line");
                return null;
            }
            int problems = 0;
            void Fail(string? field, string message)
            {
                problems++;
                problem(number, field, message);
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!Fields.Contains(property.Name)) Fail(property.Name, "not a field of a trail entry");
                else if (!seen.Add(property.Name)) Fail(property.Name, "appears twice");
            }
            string Text(string name)
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 256 } text)
                    return text;
                Fail(name, "expected a string of 1 to 256 characters");
                return "";
            }
            var at = default(DateTimeOffset);
            if (!(root.TryGetProperty("at", out var time) && time.ValueKind == JsonValueKind.String && time.GetString()!.EndsWith('Z') && time.TryGetDateTimeOffset(out at)))
                Fail("at", "expected a UTC time such as 2026-03-01T09:30:00Z");
            var actor = Text("actor");
            var address = Text("address");
            var action = default(TrailAction);
            if (!(root.TryGetProperty("action", out var named) && named.ValueKind == JsonValueKind.String && ByName.TryGetValue(named.GetString()!, out action)))
                Fail("action", $"expected one of {string.Join(", ", ByName.Keys)}");
            long? voters = null;
            if (root.TryGetProperty("voters", out var count))
            {
                if (count.ValueKind == JsonValueKind.Number && count.TryGetInt64(out var n) && n >= 0) voters = n;
                else Fail("voters", "expected a whole number >= 0");
            }
            string? account = root.TryGetProperty("account", out _) ? Text("account") : null;
            return problems == 0 ? new TrailEntry(at, actor, address, action, voters, account) : null;
        }
    }
}
