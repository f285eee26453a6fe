namespace Voting.Core.Record;

/// <summary>
/// One accepted ballot in one envelope, as the log keeps it: no identity, no timestamp.
/// A voter's ballot covering several envelopes is one event per envelope, all with the same receipt;
/// <see cref="Replaces"/> is the receipt of the same voter's previous ballot (all its envelopes), if any.
/// </summary>
public sealed record BallotEvent(
    long Sequence,
    string Receipt,
    string? Replaces,
    string Envelope,
    IReadOnlyDictionary<string, int> Grades);
