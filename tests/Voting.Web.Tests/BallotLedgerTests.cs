using Voting.Core.Record;

namespace Voting.Web.Tests;

/// <summary>
/// The ledger the load and fault tests keep, checked against records it did not write: a synthetic election's record
/// (written by the record writer from a seeded simulation) and copies of it broken on disk, each of which it must reject.
/// </summary>
public sealed class BallotLedgerTests : IDisposable
{
    private readonly string _folder = HostProcess.NewDataDir();
    private readonly List<List<string>> _voters = [];

    public BallotLedgerTests()
    {
        var definition = RecordGenerator.Definition("ledger", envelopes: 2, projects: 4);
        var election = new SyntheticElection(Voters: 40, RevoteShare: 0.3);
        RecordGenerator.WriteFolderAsync(_folder, definition, election).GetAwaiter().GetResult();
        // Each voter's receipts in the order they were cast: a revision names the receipt it replaces.
        var voterOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var ballot in RecordGenerator.Events(definition, election))
        {
            if (voterOf.ContainsKey(ballot.Receipt)) continue;
            var receipts = ballot.Replaces is { } replaced ? voterOf[replaced] : [];
            if (receipts.Count == 0) _voters.Add(receipts);
            receipts.Add(ballot.Receipt);
            voterOf[ballot.Receipt] = receipts;
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Every cast acknowledged, in order, with revisions 1, 2...</summary>
    private BallotLedger Acknowledged()
    {
        var ledger = new BallotLedger();
        for (var v = 0; v < _voters.Count; v++)
            for (var r = 0; r < _voters[v].Count; r++)
                ledger.Acknowledge($"v{v}", _voters[v][r], r + 1);
        return ledger;
    }

    private IReadOnlyList<string> Check(BallotLedger ledger)
    {
        using var record = ElectionRecordReader.Open(_folder);
        return ledger.Check(record);
    }

    private string Log => Directory.GetFiles(_folder).Single(f => RecordFiles.IsLog(Path.GetFileName(f)));

    private List<string> Revised => _voters.First(v => v.Count > 1);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 120)]
    [InlineData(128, 130)]
    public void Workers_cast_for_voters_of_their_own_and_between_them_for_every_voter(int workers, int voters)
    {
        var whose = new Dictionary<int, int>();
        for (var worker = 0; worker < workers; worker++)
            for (var turn = 0; turn < 3 * voters; turn++)
            {
                var voter = BallotLedger.VoterOf(worker, workers, voters, turn);
                Assert.InRange(voter, 0, voters - 1);
                Assert.Equal(worker, whose.TryAdd(voter, worker) ? worker : whose[voter]);
            }
        Assert.Equal(voters, whose.Count);
        Assert.Throws<ArgumentException>(() => BallotLedger.VoterOf(0, voters + 1, voters, 0));
    }

    [Fact]
    public void Accepts_the_record_of_what_was_acknowledged()
    {
        Assert.Contains(_voters, v => v.Count > 1);
        var ledger = Acknowledged();
        Assert.Empty(Check(ledger));
        Assert.Equal(_voters.Sum(v => v.Count), ledger.Acknowledged);
    }

    [Fact]
    public void Accepts_a_record_with_or_without_a_cast_that_got_no_answer()
    {
        var ledger = Acknowledged();
        ledger.Unacknowledged("v0"); // sent after the last acknowledgement: may or may not be the one counted
        ledger.Unacknowledged("never-answered"); // a voter whose only cast got no answer
        Assert.Empty(Check(ledger));
    }

    [Fact]
    public void Rejects_a_record_that_lost_an_acknowledged_ballot()
    {
        var lost = _voters[0][^1];
        File.WriteAllLines(Log, File.ReadAllLines(Log).Where(line => !line.Contains(lost, StringComparison.Ordinal)));
        Assert.Contains(Check(Acknowledged()), p => p.Contains($"acknowledged receipt {lost}", StringComparison.Ordinal) && p.EndsWith("is not in the log", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejects_a_record_that_logs_a_ballot_twice()
    {
        var lines = File.ReadAllLines(Log);
        File.WriteAllLines(Log, [.. lines, lines[0]]);
        Assert.Contains(Check(Acknowledged()), p => p.Contains("is recorded twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejects_a_count_that_kept_a_replaced_ballot()
    {
        var ballots = Path.Combine(_folder, RecordFiles.Ballots);
        File.WriteAllText(ballots, File.ReadAllText(ballots).Replace(Revised[^1], Revised[0], StringComparison.Ordinal));
        var problems = Check(Acknowledged());
        Assert.Contains(problems, p => p.Contains($"the last ballot, acknowledged with receipt {Revised[^1]}, is not the one counted", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejects_a_count_of_more_ballots_than_voters()
    {
        var ledger = Acknowledged();
        var extra = _voters[^1];
        _voters.RemoveAt(_voters.Count - 1);
        var fewer = Acknowledged();
        _voters.Add(extra);
        Assert.Empty(Check(ledger));
        Assert.Contains(Check(fewer), p => p.Contains($"ballots are counted for {_voters.Count - 1} voters acknowledged", StringComparison.Ordinal));
    }
}
