namespace Voting.Core.Record.Checks;

/// <summary>The manifest's numbers of events, ballots and rows are those of the boxes' logs and of ballots.csv.</summary>
internal sealed class CountsCheck() : RecordCheck(RecordVerifier.CountsCheck)
{
    public override CheckResult Conclude(RecordFacts facts)
    {
        const string title = "the numbers of ballots, rows and events agree with the manifest";
        if (facts.Manifest is not { } m) return Outcome(title, null, "no manifest");
        var boxes = facts.Boxes;
        bool complete = true;
        if (boxes.Read)
        {
            if (boxes.Count > 1)
            {
                for (int b = 0; b < boxes.Count; b++)
                    if (boxes[b].Events != m.Boxes[b].Events)
                        Findings.Add(RecordFiles.Manifest, null, boxes.ManifestField(b, "events"), $"{m.Boxes[b].Events}, {boxes[b].File} has {boxes[b].Events} events");
            }
            if (boxes.Events != m.Events)
                Findings.Add(RecordFiles.Manifest, null, "events", $"{m.Events}, {(boxes.Count == 1 ? "log.jsonl has" : "the boxes' logs have")} {boxes.Events} events");
        }
        else complete = false;
        if (boxes.Folds is { } folds && folds.All(f => f.Unreadable == 0))
        {
            long receipts = folds.Sum(f => f.CountedReceipts), rows = folds.Sum(f => f.CountedRows);
            if (receipts != m.Ballots)
                Findings.Add(RecordFiles.Manifest, null, "ballots", $"{m.Ballots}, {boxes.Name} count {receipts} ballots");
            if (rows != m.Rows)
                Findings.Add(RecordFiles.Manifest, null, "rows", $"{m.Rows}, {boxes.Name} count {rows} envelope ballots");
        }
        else complete = false;
        if (facts.Csv is { HeaderRead: true } csv)
        {
            if (csv.Receipts != m.Ballots)
                Findings.Add(RecordFiles.Manifest, null, "ballots", $"{m.Ballots}, ballots.csv has {csv.Receipts} distinct receipts");
            if (csv.Rows != m.Rows)
                Findings.Add(RecordFiles.Manifest, null, "rows", $"{m.Rows}, ballots.csv has {csv.Rows} rows");
        }
        else complete = false;
        return Outcome(title, complete ? $"{m.Ballots} ballots, {m.Rows} rows, {m.Events} events" : null);
    }
}
