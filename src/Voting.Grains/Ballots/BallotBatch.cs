using System.Buffers;
using Voting.Core.Elections;
using Voting.Core.Record;
using Voting.Grains.Boxes;
using Voting.Grains.Contracts;
using Voting.Grains.Storage;

namespace Voting.Grains.Ballots;

/// <summary>
/// One group commit being built: consecutive log records (one per envelope of each ballot, chained), the voter
/// slots to write (each voter once, at the revision the store has), and each ballot's receipt and revision.
/// Revisions go on from the voter's stored revision, and each ballot replaces the voter's previous one, even
/// when both are in this batch.
/// </summary>
internal sealed class BallotBatch
{
    private readonly BallotBox _box;
    private readonly ElectionDefinition _definition;
    private readonly Dictionary<string, int> _envelopeOf;
    private readonly int _maxRecordBytes;
    private readonly Dictionary<string, (long Stored, VoterState State, IReadOnlyList<string> Envelopes)> _voters = new(StringComparer.Ordinal);
    private readonly HashSet<string> _issued = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _canonical = new(512);
    private int _recordBytes;

    public BallotBatch(BallotBox box, ElectionDefinition definition, Dictionary<string, int> envelopeOf, long head, string headHash, int maxRecordBytes)
    {
        _box = box;
        _definition = definition;
        _envelopeOf = envelopeOf;
        _maxRecordBytes = maxRecordBytes;
        Head = head;
        HeadHash = headHash;
    }

    public long Head { get; private set; }

    public string HeadHash { get; private set; }

    public List<PendingBallot> Ballots { get; } = [];

    public List<CastReceipt> Receipts { get; } = [];

    public List<LogRecord> Records { get; } = [];

    /// <summary>The voter's state once this batch is durable, if the batch has a ballot of theirs.</summary>
    public bool TryGetState(string voterKey, out VoterState state)
    {
        var found = _voters.TryGetValue(voterKey, out var voter);
        state = voter.State;
        return found;
    }

    public IReadOnlyList<SlotWrite> Slots() => _voters
        .Select(v => new SlotWrite(
            new VoterSlot(v.Key, v.Value.State.Revision, v.Value.Envelopes.ToDictionary(e => e, _ => v.Value.State.Receipt!, StringComparer.Ordinal)),
            v.Value.Stored))
        .ToArray();

    /// <summary>Adds a ballot unless its records would overflow the store's byte limit (a first ballot always goes in).</summary>
    /// <param name="stored">The voter's slot in the store, used when the voter has no ballot in this batch yet.</param>
    /// <param name="isNewReceipt">Whether a receipt was never issued (collisions are 2^-128 unlikely, but cheap to rule out).</param>
    public bool TryAdd(PendingBallot pending, VoterState stored, Func<string, bool> isNewReceipt)
    {
        var ballot = pending.Submission;
        var (storedRevision, previous, _) = _voters.TryGetValue(ballot.VoterKey, out var known) ? known : (stored.Revision, stored, (IReadOnlyList<string>)[]);
        var revision = previous.Revision + 1;
        string receipt;
        do receipt = _box.ReceiptPrefix + ReceiptCommitment.New(_box.Election, revision, ballot.Grades);
        while (!isNewReceipt(receipt) || _issued.Contains(receipt));

        var byEnvelope = GradesByEnvelope(ballot.Grades);
        var events = new List<BallotEvent>(byEnvelope.Count);
        var records = new List<LogRecord>(byEnvelope.Count);
        var head = Head;
        var hash = HeadHash;
        var bytes = 0;
        foreach (var (envelope, grades) in byEnvelope)
        {
            var @event = new BallotEvent(++head, receipt, previous.Receipt, _definition.Envelopes[envelope].Id, grades);
            _canonical.ResetWrittenCount();
            BallotChain.WriteCanonical(_canonical, @event);
            var canonical = _canonical.WrittenSpan.ToArray();
            hash = BallotChain.Next(hash, canonical);
            events.Add(@event);
            records.Add(new LogRecord(head, hash, canonical));
            bytes += canonical.Length + hash.Length + 16;
        }
        if (Ballots.Count > 0 && _recordBytes + bytes > _maxRecordBytes) return false;

        _recordBytes += bytes;
        Head = head;
        HeadHash = hash;
        Records.AddRange(records);
        Ballots.Add(pending);
        Receipts.Add(new CastReceipt(receipt, revision));
        _issued.Add(receipt);
        _voters[ballot.VoterKey] = (storedRevision, new VoterState(revision, receipt), events.ConvertAll(e => e.Envelope));
        return true;
    }

    /// <summary>
    /// The ballot's grades split by envelope, one event's worth each, in definition order; a ballot that grades one
    /// envelope keeps its grades as they are.
    /// </summary>
    private List<(int Envelope, IReadOnlyDictionary<string, int> Grades)> GradesByEnvelope(IReadOnlyDictionary<string, int> grades)
    {
        Span<int> envelopeOf = grades.Count <= 256 ? stackalloc int[grades.Count] : new int[grades.Count];
        Span<int> counts = _definition.Envelopes.Count <= 64 ? stackalloc int[_definition.Envelopes.Count] : new int[_definition.Envelopes.Count];
        int at = 0;
        foreach (var project in grades.Keys)
            counts[envelopeOf[at++] = _envelopeOf[project]]++;

        var split = new List<(int, IReadOnlyDictionary<string, int>)>(1);
        for (int envelope = 0; envelope < counts.Length; envelope++)
        {
            if (counts[envelope] == 0) continue;
            if (counts[envelope] == grades.Count)
            {
                split.Add((envelope, grades));
                break;
            }
            var part = new Dictionary<string, int>(counts[envelope], StringComparer.Ordinal);
            at = 0;
            foreach (var (project, grade) in grades)
                if (envelopeOf[at++] == envelope) part.Add(project, grade);
            split.Add((envelope, part));
        }
        return split;
    }
}
