namespace Voting.Grains.Boxes;

/// <summary>One voter's ballot on its way to their box: the voter's key (their code's SHA-256, hex) and the grades as cast.</summary>
[GenerateSerializer, Immutable]
public sealed record BallotCast([property: Id(0)] string VoterKey, [property: Id(1)] IReadOnlyDictionary<string, int> Grades);
