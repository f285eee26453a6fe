using System.Collections;

namespace Voting.Core.Record.Checks;

/// <summary>The record's ballot-box logs, as the log pass reads them: log.jsonl for one box, else one log per box.</summary>
internal sealed class BoxLogs(BoxLogPass[] boxes) : IReadOnlyList<BoxLogPass>
{
    /// <summary>The logs of the manifest's boxes or, without a manifest, of the boxes the record's files show.</summary>
    public static BoxLogs Of(ElectionRecordReader record, RecordManifest? manifest, FindingList chainFindings, FindingList logFindings) =>
        new(RecordFiles.BoxLogs(manifest?.Boxes.Count ?? BoxesInFiles(record))
            .Select(file => new BoxLogPass(file, chainFindings, logFindings)).ToArray());

    public int Count => boxes.Length;

    public BoxLogPass this[int box] => boxes[box];

    /// <summary>Whether every log was read to the end.</summary>
    public bool Read => boxes.All(b => b.Read);

    public long Events => boxes.Sum(b => b.Events);

    /// <summary>How the messages name the logs: "the log", or "the boxes' logs".</summary>
    public string Name => boxes.Length == 1 ? "the log" : "the boxes' logs";

    /// <summary>The logs folded, or null when one could not be folded.</summary>
    public LogFold[]? Folds => boxes.All(b => b.Fold is not null) ? boxes.Select(b => b.Fold!).ToArray() : null;

    /// <summary>A field of the manifest about box <paramref name="box"/>: top-level with one box, in <c>boxes</c> with several.</summary>
    public string ManifestField(int box, string field) => boxes.Length == 1 ? field : $"boxes[{box}].{field}";

    public IEnumerator<BoxLogPass> GetEnumerator() => ((IEnumerable<BoxLogPass>)boxes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The number of boxes when the manifest does not say: one with a log.jsonl, else one per box log file.</summary>
    private static int BoxesInFiles(ElectionRecordReader record)
    {
        int logs = record.Files.Count(RecordFiles.IsLog);
        return record.Contains(RecordFiles.Log) || logs == 0 ? 1 : logs;
    }
}
