namespace Voting.Grains.Storage;

/// <summary>One entry of an election's ballot log: its position, chain hash and the event's canonical bytes.</summary>
public sealed record LogRecord(long Sequence, string Hash, byte[] Event);
