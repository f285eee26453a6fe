namespace Voting.Core.Record;

/// <summary>
/// One accepted ballot in one envelope, as the log keeps it: no identity, no timestamp.
/// <see cref="Replaces"/> is the receipt of the same voter's previous ballot in that envelope, if any.
/// </summary>
public sealed record BallotEvent(
    long Sequence,
    string Receipt,
    string? Replaces,
    string Envelope,
    IReadOnlyDictionary<string, int> Grades);
