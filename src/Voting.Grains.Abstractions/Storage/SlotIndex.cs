namespace Voting.Grains.Storage;

/// <summary>
/// The current voter slots of one election, folded from its slot journal up to <see cref="Head"/> (the log
/// position of the last append folded in). Appends check expected revisions here rather than in a record per voter
/// (a table row, an entity), which would cost the store one random write per voter.
/// </summary>
public sealed class SlotIndex
{
    private readonly Dictionary<string, VoterSlot> _slots = new(StringComparer.Ordinal);

    public long Head { get; private set; }

    public VoterSlot? Find(string voterKey) => _slots.GetValueOrDefault(voterKey);

    public long RevisionOf(string voterKey) => _slots.TryGetValue(voterKey, out var slot) ? slot.Revision : 0;

    /// <exception cref="ConcurrencyConflictException">A slot is not at the revision its write expects.</exception>
    public void CheckExpected(string electionId, IReadOnlyList<SlotWrite> writes)
    {
        foreach (var write in writes)
            if (RevisionOf(write.Slot.VoterKey) is var revision && revision != write.ExpectedRevision)
                throw new ConcurrencyConflictException(
                    $"Election '{electionId}': voter slot '{write.Slot.VoterKey}' is at revision {revision}, not {write.ExpectedRevision}.");
    }

    public void Apply(long head, IEnumerable<VoterSlot> slots)
    {
        foreach (var slot in slots) _slots[slot.VoterKey] = slot;
        Head = head;
    }
}
