using System.Text.Json;

namespace Voting.Core.Record;

/// <summary>The places where two JSON documents differ, as paths such as <c>envelopes[0].ranking[2].profile[1]</c>.</summary>
internal static class JsonDiff
{
    /// <summary>Each difference: the path, the value in <paramref name="actual"/> and the one in <paramref name="expected"/> (JSON text, shortened).</summary>
    public static List<(string Path, string Actual, string Expected)> Differences(JsonElement actual, JsonElement expected, int max)
    {
        var found = new List<(string, string, string)>();
        Walk(actual, expected, "", found, max);
        return found;
    }

    private static void Walk(JsonElement a, JsonElement e, string path, List<(string, string, string)> found, int max)
    {
        if (found.Count >= max) return;
        if (a.ValueKind != e.ValueKind)
        {
            found.Add((path, Show(a), Show(e)));
            return;
        }
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedNames = e.EnumerateObject().Select(p => p.Name).ToList();
                var actualNames = a.EnumerateObject().Select(p => p.Name).ToList();
                foreach (var property in a.EnumerateObject())
                {
                    var at = path.Length == 0 ? property.Name : path + "." + property.Name;
                    if (e.TryGetProperty(property.Name, out var other)) Walk(property.Value, other, at, found, max);
                    else if (found.Count < max) found.Add((at, Show(property.Value), "(absent)"));
                }
                foreach (var name in expectedNames.Except(actualNames, StringComparer.Ordinal))
                    if (found.Count < max) found.Add((path.Length == 0 ? name : path + "." + name, "(absent)", Show(e.GetProperty(name))));
                if (found.Count == 0 && !actualNames.SequenceEqual(expectedNames, StringComparer.Ordinal))
                    found.Add((path, "fields in order " + string.Join(",", actualNames), string.Join(",", expectedNames)));
                break;
            case JsonValueKind.Array:
                int n = Math.Min(a.GetArrayLength(), e.GetArrayLength());
                for (int i = 0; i < n; i++) Walk(a[i], e[i], $"{path}[{i}]", found, max);
                if (a.GetArrayLength() != e.GetArrayLength() && found.Count < max)
                    found.Add((path, $"{a.GetArrayLength()} items", $"{e.GetArrayLength()} items"));
                break;
            case JsonValueKind.String:
                if (a.GetString() != e.GetString()) found.Add((path, Show(a), Show(e)));
                break;
            default:
                if (a.GetRawText() != e.GetRawText()) found.Add((path, Show(a), Show(e)));
                break;
        }
    }

    private static string Show(JsonElement element)
    {
        var text = element.ValueKind switch
        {
            JsonValueKind.Object => "{…}",
            JsonValueKind.Array => $"[{element.GetArrayLength()} items]",
            JsonValueKind.String => JsonSerializer.Serialize(element.GetString(), Json.VotingJson.Options),
            _ => element.GetRawText(),
        };
        return text.Length > 80 ? text[..80] + "…" : text;
    }
}
