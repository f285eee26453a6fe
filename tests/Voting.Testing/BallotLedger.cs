using Voting.Core.Record;

namespace Voting.Testing;

/// <summary>
/// What clients were told, kept on their side: every acknowledged cast (voter, receipt, revision), and every cast whose
/// fate they do not know (an error or no answer: it may or may not have been recorded). Checked at the end against the
/// election record: no acknowledged ballot missing, none recorded twice, and one counted ballot per voter, the last
/// acknowledged one when nothing was sent after it. Thread-safe; one voter's casts must be sent one after the other.
/// </summary>
public sealed class BallotLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Cast>> _voters = new(StringComparer.Ordinal);

    /// <summary>
    /// The voter whom <paramref name="worker"/> of <paramref name="workers"/> casts for at its <paramref name="turn"/>-th
    /// cast, of <paramref name="voters"/> (at least one per worker): each worker owns voters w, w + W, w + 2W... in turn,
    /// so that one voter's casts are never in flight together.
    /// </summary>
    public static int VoterOf(int worker, int workers, int voters, int turn)
    {
        if (voters < workers)
            throw new ArgumentException($"{voters} voters for {workers} workers: each worker needs a voter of its own");
        return worker + workers * (turn % ((voters - worker + workers - 1) / workers));
    }

    public long Acknowledged { get; private set; }

    public long Uncertain { get; private set; }

    public void Acknowledge(string voter, string receipt, long revision) => Add(voter, new Cast(receipt, revision));

    /// <summary>A cast sent without acknowledgement: the server may have recorded it or not.</summary>
    public void Unacknowledged(string voter) => Add(voter, new Cast(null, 0));

    private void Add(string voter, Cast cast)
    {
        lock (_gate)
        {
            if (!_voters.TryGetValue(voter, out var casts)) _voters[voter] = casts = [];
            casts.Add(cast);
            if (cast.Receipt is null) Uncertain++;
            else Acknowledged++;
        }
    }

    /// <summary>Every way the record contradicts what clients were told (empty: it holds each acknowledged ballot once).</summary>
    public IReadOnlyList<string> Check(ElectionRecordReader record)
    {
        var problems = new List<string>();
        var definition = record.ReadDefinition();
        var logged = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal); // receipt -> envelopes of its events
        foreach (var log in record.Files.Where(RecordFiles.IsLog))
            foreach (var entry in record.ReadLog(log))
            {
                if (!logged.TryGetValue(entry.Event.Receipt, out var envelopes))
                    logged[entry.Event.Receipt] = envelopes = new HashSet<string>(StringComparer.Ordinal);
                if (!envelopes.Add(entry.Event.Envelope))
                    problems.Add($"{log}: receipt {entry.Event.Receipt} is recorded twice in envelope {entry.Event.Envelope}");
            }
        var counted = record.ReadBallots(definition).Select(row => row.Receipt).ToHashSet(StringComparer.Ordinal);

        lock (_gate)
        {
            int surelyVoted = 0, mayHaveVoted = 0;
            foreach (var (voter, casts) in _voters)
            {
                var acknowledged = casts.Where(c => c.Receipt is not null).ToList();
                if (acknowledged.Count > 0) surelyVoted++;
                mayHaveVoted++;
                foreach (var cast in acknowledged.Where(c => !logged.ContainsKey(c.Receipt!)))
                    problems.Add($"voter {voter}: acknowledged receipt {cast.Receipt} (revision {cast.Revision}) is not in the log");
                for (var i = 1; i < acknowledged.Count; i++)
                    if (acknowledged[i].Revision <= acknowledged[i - 1].Revision)
                        problems.Add($"voter {voter}: revision {acknowledged[i].Revision} acknowledged after revision {acknowledged[i - 1].Revision}");
                var countedOfVoter = acknowledged.Where(c => counted.Contains(c.Receipt!)).ToList();
                if (countedOfVoter.Count > 1)
                    problems.Add($"voter {voter}: {countedOfVoter.Count} acknowledged ballots are counted ({string.Join(", ", countedOfVoter.Select(c => c.Receipt))})");
                if (casts[^1].Receipt is { } last && !counted.Contains(last))
                    problems.Add($"voter {voter}: the last ballot, acknowledged with receipt {last}, is not the one counted");
            }
            // One counted ballot per voter who voted: the receipts counted number the voters, whatever the unknown casts did.
            if (counted.Count < surelyVoted || counted.Count > mayHaveVoted)
                problems.Add($"{counted.Count} ballots are counted for {surelyVoted} voters acknowledged ({mayHaveVoted} who may have voted)");
        }
        return problems;
    }

    private sealed record Cast(string? Receipt, long Revision);
}
