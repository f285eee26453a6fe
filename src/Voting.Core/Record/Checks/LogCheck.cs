namespace Voting.Core.Record.Checks;

/// <summary>
/// Every event of a box's log is valid against the definition and the events before it in that log (the log pass
/// folds them), and with several boxes, each receipt is of its box and of no other.
/// </summary>
internal sealed class LogCheck() : RecordCheck(RecordVerifier.LogCheck)
{
    public override CheckResult Conclude(RecordFacts facts)
    {
        var boxes = facts.Boxes;
        BoxReceiptCheck.Run(boxes, Findings);
        var title = boxes.Count == 1
            ? "every log event is valid against the definition and the events before it"
            : "every event of a box's log is valid against the definition and the events before it in that log, its receipt is of that box and of no other";
        var folds = boxes.Folds;
        if (folds is null || (folds.Any(f => f.Unreadable > 0) && Findings.Total == 0))
            return Outcome(title, null);
        var inBoxes = boxes.Count == 1 ? "" : $" in {boxes.Count} boxes";
        return Outcome(title,
            $"{folds.Sum(f => f.Events)} events{inBoxes}, {folds.Sum(f => f.CountedReceipts)} counted ballots in {folds.Sum(f => f.CountedRows)} envelope rows");
    }
}
