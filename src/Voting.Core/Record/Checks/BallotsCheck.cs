namespace Voting.Core.Record.Checks;

/// <summary>
/// ballots.csv holds exactly the counted ballots of the boxes' logs, sorted by receipt then envelope. The ballots pass
/// reports the rows out of order; here the rows are matched with the logs' counted ballots.
/// </summary>
internal sealed class BallotsCheck() : RecordCheck(RecordVerifier.BallotsCheck)
{
    public override CheckResult Conclude(RecordFacts facts)
    {
        var boxes = facts.Boxes;
        var title = $"ballots.csv holds exactly the counted ballots of {boxes.Name} (last revision wins), sorted by receipt then envelope";
        var folds = boxes.Folds;
        if (folds is null || facts.CsvRows is not { } rows || facts.Csv is not { HeaderRead: true } csv)
            return Outcome(title, null);
        new BallotsAgainstLogs(facts.Index!, boxes, rows, Findings).Run(sorted: csv.OutOfOrder == 0);
        long unreadable = folds.Sum(f => f.Unreadable);
        if (unreadable > 0 && Findings.Total == 0)
            return Outcome(title, null, $"{unreadable} log events could not be read, so the counted ballots are not known");
        return Outcome(title, $"{rows.Count} rows match the {folds.Sum(f => f.CountedRows)} counted envelope ballots of {boxes.Name}");
    }
}
