namespace Voting.Grains.Storage.Sqlite;

/// <summary>
/// The current voter slots of one election, folded from its slot journal up to <see cref="Head"/> (the log
/// position of the last append folded in). Appends check expected revisions here instead of in a table keyed by
/// voter, whose random inserts would cost a page write per voter.
/// </summary>
internal sealed class SlotIndex
{
    private readonly Dictionary<string, VoterSlot> _slots = new(StringComparer.Ordinal);

    public long Head { get; private set; }

    public VoterSlot? Find(string voterKey) => _slots.GetValueOrDefault(voterKey);

    public long RevisionOf(string voterKey) => _slots.TryGetValue(voterKey, out var slot) ? slot.Revision : 0;

    public void Apply(long head, IEnumerable<VoterSlot> slots)
    {
        foreach (var slot in slots) _slots[slot.VoterKey] = slot;
        Head = head;
    }
}
