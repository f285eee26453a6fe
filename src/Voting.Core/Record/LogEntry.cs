namespace Voting.Core.Record;

/// <summary>
/// One entry of the ballot log as the record writer takes it: the event's canonical bytes
/// (<see cref="BallotChain.WriteCanonical"/>) and its chain hash (lowercase hex).
/// </summary>
public readonly record struct LogEntry(ReadOnlyMemory<byte> Event, string Hash)
{
    public static LogEntry Of(BallotEvent ballot, string hash) => new(BallotChain.CanonicalBytes(ballot), hash);
}
