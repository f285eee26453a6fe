namespace Voting.Grains.Ballots;

/// <summary>A checked ballot on its way to the log: the voter's key (their code's hash) and a grade per project.</summary>
[GenerateSerializer, Immutable]
public sealed record BallotSubmission(
    [property: Id(0)] string VoterKey,
    [property: Id(1)] IReadOnlyDictionary<string, int> Grades);
