using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Voting.Core.Record;

namespace Voting.Core.Tests.Record;

/// <summary>
/// Hand edits of a record's box logs, as someone rewriting a record would make them: events renumbered and chained
/// again from the definition, and the manifest rewritten to match (box heads and counts, file hashes).
/// </summary>
public static partial class BoxedLogs
{
    public static List<string> Lines(string path) => [.. File.ReadAllText(path, Encoding.UTF8).Split('\n')[..^1]];

    public static void WriteLines(string path, IEnumerable<string> lines) =>
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false));

    /// <summary>The canonical event of a log line (without its hash).</summary>
    public static string Canonical(string line) => line[..line.IndexOf(",\"hash\":\"", StringComparison.Ordinal)] + "}";

    /// <summary>The receipt of a log line.</summary>
    public static string Receipt(string line) => ReceiptField().Match(line).Groups[1].Value;

    /// <summary>
    /// The line of a ballot that is alone in its box's log: one envelope, replacing no ballot and never replaced, so
    /// that moving or copying it leaves every log valid on its own.
    /// </summary>
    public static int LoneBallot(List<string> lines)
    {
        var receipts = lines.Select(Receipt).ToArray();
        var once = receipts.GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() == 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return lines.FindIndex(line =>
            line.Contains("\"replaces\":null", StringComparison.Ordinal)
            && once.Contains(Receipt(line))
            && !lines.Any(other => other.Contains($"\"replaces\":\"{Receipt(line)}\"", StringComparison.Ordinal)));
    }

    /// <summary>The events of <paramref name="lines"/> numbered 1, 2, 3... and chained from the definition's hash.</summary>
    public static List<string> Rechain(IEnumerable<string> lines, byte[] definitionBytes)
    {
        var head = BallotChain.Genesis(definitionBytes);
        var chained = new List<string>();
        foreach (var line in lines)
        {
            var canonical = SequenceField().Replace(Canonical(line), $"{{\"sequence\":{chained.Count + 1},", 1);
            head = BallotChain.Next(head, Encoding.UTF8.GetBytes(canonical));
            chained.Add(canonical[..^1] + ",\"hash\":\"" + head + "\"}");
        }
        return chained;
    }

    /// <summary>Rewrites the manifest of a record of several boxes to agree with its files: hashes, box counts and heads, events.</summary>
    public static void Reseal(string folder, byte[] definitionBytes)
    {
        var path = Path.Combine(folder, RecordFiles.Manifest);
        var manifest = RecordManifest.Parse(File.ReadAllBytes(path));
        var boxes = Enumerable.Range(0, manifest.Boxes.Count).Select(b =>
        {
            var lines = Lines(Path.Combine(folder, RecordFiles.BoxLog(b, manifest.Boxes.Count)));
            var head = lines.Count == 0 ? BallotChain.Genesis(definitionBytes) : HashField().Match(lines[^1]).Groups[1].Value;
            return new RecordBox(lines.Count, head);
        }).ToArray();
        var files = manifest.Files.Keys.ToDictionary(name => name, name => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, name)))));
        File.WriteAllBytes(path, (manifest with { Files = files, Boxes = boxes, Events = boxes.Sum(b => b.Events) }).ToJson());
    }

    [GeneratedRegex("^\\{\"sequence\":\\d+,")]
    private static partial Regex SequenceField();

    [GeneratedRegex("\"receipt\":\"([^\"]+)\"")]
    private static partial Regex ReceiptField();

    [GeneratedRegex("\"hash\":\"([0-9a-f]{64})\"")]
    private static partial Regex HashField();
}
