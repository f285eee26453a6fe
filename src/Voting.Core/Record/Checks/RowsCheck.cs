namespace Voting.Core.Record.Checks;

/// <summary>Every row of ballots.csv is valid against the definition; the ballots pass reports each row that is not.</summary>
internal sealed class RowsCheck() : RecordCheck(RecordVerifier.RowsCheck)
{
    public override CheckResult Conclude(RecordFacts facts) =>
        Outcome("every ballots.csv row is valid against the definition",
            facts.Csv is { HeaderRead: true } csv ? $"{csv.Rows} rows, {csv.Receipts} receipts" : null);
}
