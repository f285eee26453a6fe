using System.Globalization;

namespace Voting.Core.Record;

/// <summary>The names of the files of an election record (docs/record.md).</summary>
public static class RecordFiles
{
    public const string Definition = "definition.json";
    public const string Log = "log.jsonl";
    public const string Ballots = "ballots.csv";
    public const string Results = "results.json";
    public const string Manifest = "manifest.json";

    /// <summary>The officials' actions on the election (<see cref="Trail.TrailLines"/>); records written before the engine kept a trail have none.</summary>
    public const string Trail = "trail.jsonl";

    /// <summary>The Pabulib export of one envelope: <c>&lt;envelope id&gt;.pb</c>.</summary>
    public static string Pabulib(string envelope) => envelope + ".pb";

    /// <summary>Whether a file is a Pabulib export: <c>*.pb</c>.</summary>
    public static bool IsPabulib(string name) => name.EndsWith(".pb", StringComparison.Ordinal);

    /// <summary>The log of ballot box <paramref name="box"/> of <paramref name="boxes"/>: <c>log.jsonl</c> when there is one box, else <c>log-&lt;box&gt;.jsonl</c>.</summary>
    public static string BoxLog(int box, int boxes) =>
        boxes == 1 ? Log : $"log-{box.ToString(CultureInfo.InvariantCulture)}.jsonl";

    /// <summary>The logs of <paramref name="boxes"/> ballot boxes, in box order.</summary>
    public static IReadOnlyList<string> BoxLogs(int boxes) => Enumerable.Range(0, boxes).Select(b => BoxLog(b, boxes)).ToArray();

    /// <summary>Whether a file is a ballot log: <c>log.jsonl</c> or a box's <c>log-&lt;box&gt;.jsonl</c>.</summary>
    public static bool IsLog(string name) =>
        name == Log || (name.StartsWith("log-", StringComparison.Ordinal) && name.EndsWith(".jsonl", StringComparison.Ordinal));
}
