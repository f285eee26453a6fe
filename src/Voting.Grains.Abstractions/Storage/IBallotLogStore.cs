namespace Voting.Grains.Storage;

/// <summary>The durable, append-only ballot log of each election, with the voter slots that make one ballot per voter hold.</summary>
public interface IBallotLogStore
{
    /// <summary>
    /// Appends <paramref name="batch"/> (consecutive sequences, the first one right after the stored head) and
    /// writes <paramref name="slots"/>, all or nothing. Completes only once durable.
    /// Re-appending a batch that is already stored, identical, succeeds and changes nothing.
    /// Throws <see cref="ConcurrencyConflictException"/> when the head has moved or a slot is not at its expected revision.
    /// </summary>
    Task AppendAsync(string electionId, IReadOnlyList<LogRecord> batch, IReadOnlyList<SlotWrite> slots, CancellationToken cancellationToken = default);

    /// <summary>The log entries from <paramref name="fromSequence"/> on, in order.</summary>
    IAsyncEnumerable<LogRecord> ReadAsync(string electionId, long fromSequence = 1, CancellationToken cancellationToken = default);

    Task<VoterSlot?> ReadSlotAsync(string electionId, string voterKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// The most record bytes one append may carry, each record counting <c>Event.Length</c> + the UTF-8 length of
    /// <c>Hash</c> + 16; a larger append throws <see cref="ArgumentException"/> and writes nothing.
    /// </summary>
    int MaxRecordBytesPerAppend => int.MaxValue;
}
