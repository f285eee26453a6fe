using System.Collections.Concurrent;
using Voting.Core.Record;

namespace Voting.Load.Http;

/// <summary>
/// The client's own account of what the engine acknowledged: every receipt and revision, per voter. Checked against
/// the election record: no acknowledged ballot missing from the logs, each voter's receipts on one chain of
/// replacements ending in exactly one counted ballot (none counted twice), that ballot at least as recent as the
/// voter's last acknowledged one.
/// </summary>
public sealed class ReceiptLedger
{
    private readonly ConcurrentDictionary<int, ConcurrentBag<Acknowledgement>> _voters = new();

    public void Acknowledge(int voter, Acknowledgement acknowledgement) =>
        _voters.GetOrAdd(voter, _ => []).Add(acknowledgement);

    public int Voters => _voters.Count;

    public int Acknowledgements => _voters.Values.Sum(bag => bag.Count);

    public LedgerCheck CheckAgainst(ElectionRecordReader record)
    {
        var manifest = record.ReadManifest();
        var logged = new HashSet<string>(StringComparer.Ordinal);
        var replacedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var log in RecordFiles.BoxLogs(manifest.Boxes.Count))
            foreach (var (ballot, _, _) in record.ReadLog(log))
            {
                logged.Add(ballot.Receipt);
                if (ballot.Replaces is { } replaced) replacedBy[replaced] = ballot.Receipt;
            }
        var counted = record.ReadBallots(record.ReadDefinition()).Select(row => row.Receipt).ToHashSet(StringComparer.Ordinal);

        int missing = 0, doubleCounted = 0, stale = 0;
        var terminals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, acknowledgements) in _voters)
        {
            var ends = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (receipt, _) in acknowledgements)
            {
                if (!logged.Contains(receipt)) { missing++; continue; }
                ends.Add(Last(receipt, replacedBy));
            }
            if (ends.Count == 0) continue;
            if (ends.Count > 1 || !counted.Contains(ends.First()) || !terminals.Add(ends.First())) doubleCounted++;
            var newest = acknowledgements.MaxBy(a => a.Revision).Receipt;
            if (logged.Contains(newest) && !counted.Contains(newest) && Last(newest, replacedBy) == newest) stale++;
        }
        return new LedgerCheck(Acknowledgements, _voters.Count, missing, doubleCounted, stale, counted.Count, manifest.Ballots);
    }

    /// <summary>The receipt that replaced <paramref name="receipt"/>, and so on, to the last one.</summary>
    private static string Last(string receipt, Dictionary<string, string> replacedBy)
    {
        while (replacedBy.TryGetValue(receipt, out var next)) receipt = next;
        return receipt;
    }
}

/// <param name="Missing">Acknowledged receipts not in any log.</param>
/// <param name="DoubleCounted">Voters whose receipts end in more than one counted ballot, or in one that is not counted.</param>
/// <param name="Stale">Voters whose newest acknowledged ballot is neither counted nor replaced.</param>
public sealed record LedgerCheck(int Acknowledgements, int Voters, int Missing, int DoubleCounted, int Stale, int CountedInRecord, long BallotsInManifest)
{
    public bool Holds => Missing == 0 && DoubleCounted == 0 && Stale == 0 && CountedInRecord == BallotsInManifest;

    public override string ToString() =>
        $"ledger: {Acknowledgements} acknowledgements of {Voters} voters; {Missing} missing from the record, {DoubleCounted} voters counted twice or not at all, "
        + $"{Stale} with a stale count; record counts {CountedInRecord} ballots (manifest {BallotsInManifest}): {(Holds ? "holds" : "BROKEN")}";
}
