namespace Voting.Grains.Storage;

/// <summary>A voter slot to store, valid only if the stored slot is still at <paramref name="ExpectedRevision"/> (0: no slot yet).</summary>
public sealed record SlotWrite(VoterSlot Slot, long ExpectedRevision);
