using Voting.Core.Elections;

namespace Voting.Grains.Contracts;

/// <summary>An election's definition and where it stands. <see cref="EnvelopeVoters"/>: per envelope id, the registered voters who may vote in it.</summary>
[GenerateSerializer, Immutable]
public sealed record ElectionInfo(
    [property: Id(0)] ElectionDefinition Definition,
    [property: Id(1)] ElectionStatus Status,
    [property: Id(2)] long RegisteredVoters,
    [property: Id(3)] int BallotBoxes,
    [property: Id(4)] IReadOnlyDictionary<string, long> EnvelopeVoters);
