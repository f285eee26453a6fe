namespace Voting.Grains.Contracts;

/// <summary>A voter's ballot as it counts: their last cast's grades (a grade index per project id), receipt and revision.</summary>
[GenerateSerializer, Immutable]
public sealed record VoterBallot(
    [property: Id(0)] string Receipt,
    [property: Id(1)] long Revision,
    [property: Id(2)] IReadOnlyDictionary<string, int> Grades);
