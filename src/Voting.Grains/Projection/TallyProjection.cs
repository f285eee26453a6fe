using Voting.Core.Elections;
using Voting.Core.Record;
using Voting.Core.Results;
using Voting.Grains.Contracts;

namespace Voting.Grains.Projection;

/// <summary>
/// The tallies of an election folded from its ballot log, event by event: a revote subtracts the grades of the
/// ballot it replaces (all its envelopes) and adds its own. Keeps every receipt, with the grades of those that
/// count, so that a later revote can be subtracted and a receipt looked up.
/// </summary>
internal sealed class TallyProjection
{
    private readonly Dictionary<UInt128, ReceiptEntry> _receipts = [];
    private readonly Dictionary<string, int> _envelopeIndex;
    private readonly EnvelopeTally[] _envelopes;

    public TallyProjection(ElectionDefinition definition)
    {
        Definition = definition;
        Tally = new ElectionTally(definition);
        _envelopes = definition.Envelopes.Select(e => Tally[e.Id]).ToArray();
        _envelopeIndex = definition.Envelopes.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
    }

    public ElectionDefinition Definition { get; }

    public ElectionTally Tally { get; }

    /// <summary>The sequence of the last event folded in.</summary>
    public long Position { get; private set; }

    public IEnumerable<KeyValuePair<UInt128, ReceiptEntry>> Receipts => _receipts;

    public int ReceiptCount => _receipts.Count;

    public bool Knows(UInt128 receipt) => _receipts.ContainsKey(receipt);

    /// <summary>Folds in the next event of the log; throws <see cref="InvalidDataException"/> if it cannot follow the ones before.</summary>
    public void Apply(BallotEvent ballot)
    {
        if (ballot.Sequence != Position + 1)
            throw new InvalidDataException($"event {ballot.Sequence} does not follow event {Position}");
        if (!_envelopeIndex.TryGetValue(ballot.Envelope, out var envelope))
            throw new InvalidDataException($"event {ballot.Sequence}: unknown envelope '{ballot.Envelope}'");
        var grades = GradesOf(envelope, ballot);
        var receipt = ReceiptKey.Parse(ballot.Receipt);

        if (ballot.Replaces is not null)
        {
            var replaced = ReceiptKey.Parse(ballot.Replaces);
            if (!_receipts.TryGetValue(replaced, out var previous))
                throw new InvalidDataException($"event {ballot.Sequence} replaces unknown receipt {ballot.Replaces}");
            if (previous.Counted) Uncount(previous);
        }

        if (_receipts.TryGetValue(receipt, out var entry))
        {
            if (!entry.Counted || entry.Parts.Any(p => p.Envelope == envelope))
                throw new InvalidDataException($"event {ballot.Sequence}: receipt {ballot.Receipt} was already used");
            entry.Add(new EnvelopeGrades(envelope, grades));
        }
        else
        {
            _receipts[receipt] = new ReceiptEntry([new EnvelopeGrades(envelope, grades)]);
            Tally.Voters++;
        }
        _envelopes[envelope].Add(grades);
        Position = ballot.Sequence;
    }

    /// <summary>Folds in a counted or replaced ballot restored from a checkpoint.</summary>
    public void Restore(UInt128 receipt, ReceiptEntry entry, long position)
    {
        _receipts.Add(receipt, entry);
        if (entry.Counted)
        {
            foreach (var part in entry.Parts) _envelopes[part.Envelope].Add(part.Grades);
            Tally.Voters++;
        }
        Position = position;
    }

    public ReceiptStatus? Lookup(string receipt) =>
        ReceiptKey.TryParse(receipt, out var key) && _receipts.TryGetValue(key, out var entry)
            ? new ReceiptStatus(receipt, entry.Counted, entry.Parts.Select(p => Definition.Envelopes[p.Envelope].Id).ToArray())
            : null;

    public ElectionResults Count() => ElectionCount.Count(Tally, Position, BallotsOf);

    /// <summary>The counted ballots of an envelope, as a grade per project.</summary>
    public IEnumerable<IReadOnlyDictionary<string, int>> BallotsOf(string envelopeId)
    {
        var envelope = _envelopeIndex[envelopeId];
        foreach (var entry in _receipts.Values)
            foreach (var part in entry.Parts)
                if (part.Envelope == envelope && part.Grades is { } grades)
                    yield return ToDictionary(envelope, grades);
    }

    private void Uncount(ReceiptEntry entry)
    {
        foreach (var part in entry.Parts) _envelopes[part.Envelope].Remove(ToDictionary(part.Envelope, part.Grades!));
        entry.Drop();
        Tally.Voters--;
    }

    private Dictionary<string, int> ToDictionary(int envelope, sbyte[] grades)
    {
        var projects = _envelopes[envelope].Projects;
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int p = 0; p < grades.Length; p++)
            if (grades[p] >= 0) result[projects[p]] = grades[p];
        return result;
    }

    private sbyte[] GradesOf(int envelope, BallotEvent ballot)
    {
        var tally = _envelopes[envelope];
        if (ballot.Grades.Count == 0) throw new InvalidDataException($"event {ballot.Sequence} has no grade");
        var grades = new sbyte[tally.Projects.Count];
        Array.Fill(grades, (sbyte)-1);
        foreach (var (project, grade) in ballot.Grades)
        {
            var p = tally.IndexOf(project);
            if (p < 0) throw new InvalidDataException($"event {ballot.Sequence}: project '{project}' is not in envelope '{ballot.Envelope}'");
            if ((uint)grade >= (uint)tally.Grades) throw new InvalidDataException($"event {ballot.Sequence}: grade {grade} is outside the scale");
            grades[p] = (sbyte)grade;
        }
        return grades;
    }
}
