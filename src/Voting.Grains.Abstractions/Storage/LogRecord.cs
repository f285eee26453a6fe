namespace Voting.Grains.Storage;

/// <summary>One entry of an election's ballot log: its position, chain hash and the event's canonical bytes.</summary>
[GenerateSerializer, Immutable]
public sealed record LogRecord([property: Id(0)] long Sequence, [property: Id(1)] string Hash, [property: Id(2)] byte[] Event);
