namespace Voting.Grains.Contracts;

/// <summary>One row of the voter roll: the official's own id for the voter and the envelopes they may vote in.</summary>
[GenerateSerializer, Immutable]
public sealed record VoterImport([property: Id(0)] string Id, [property: Id(1)] IReadOnlyList<string> Envelopes);
