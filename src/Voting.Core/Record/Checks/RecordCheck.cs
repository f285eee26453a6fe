using System.Security.Cryptography;

namespace Voting.Core.Record.Checks;

/// <summary>
/// One check of the record verifier's list: it gathers findings while the record is read, then concludes with an
/// outcome. It fails with any finding, and otherwise passes only when it could run (fails closed).
/// </summary>
internal abstract class RecordCheck(string id)
{
    public string Id => id;

    public FindingList Findings { get; } = new();

    /// <summary>Finishes the check with what the verification has read of the record, and gives its outcome.</summary>
    public abstract CheckResult Conclude(RecordFacts facts);

    /// <summary>
    /// Fail when there are findings; else pass with <paramref name="passSummary"/>, or not checked, for
    /// <paramref name="notCheckedReason"/>, when there is no summary because the check could not run.
    /// </summary>
    protected CheckResult Outcome(string title, string? passSummary, string? notCheckedReason = null)
    {
        long total = Findings.Total;
        if (total > 0)
            return new CheckResult(id, title, CheckStatus.Fail, $"{total} problem{(total == 1 ? "" : "s")}", Findings.Kept, total);
        if (passSummary is null)
            return new CheckResult(id, title, CheckStatus.NotChecked, notCheckedReason ?? "could not run (see the checks above)", [], 0);
        return new CheckResult(id, title, CheckStatus.Pass, passSummary, [], 0);
    }

    /// <summary>
    /// Reads a whole file of the record and keeps its SHA-256 in <paramref name="facts"/>; null, with the reason as a
    /// finding, when it cannot be read.
    /// </summary>
    protected byte[]? ReadHashed(RecordFacts facts, string file)
    {
        byte[] bytes;
        try
        {
            bytes = facts.Record.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            Findings.Add(file, null, null, e.Message);
            return null;
        }
        facts.Hashes[file] = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return bytes;
    }

    /// <summary>The first sentence of an exception's message, without the position details that follow it.</summary>
    protected static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
