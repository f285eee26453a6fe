using System.Runtime.CompilerServices;

namespace Voting.Grains.Storage.Sqlite;

public sealed partial class SqliteStorage : IBallotLogStore
{
    public async Task AppendAsync(string electionId, IReadOnlyList<LogRecord> batch, IReadOnlyList<SlotWrite> slots, CancellationToken cancellationToken = default)
    {
        CheckAppend(batch, slots);
        await OnWriterAsync(() => Append(electionId, batch, slots), cancellationToken);
    }

    public async IAsyncEnumerable<LogRecord> ReadAsync(string electionId, long fromSequence = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, hash, event FROM ballot_log WHERE election = $election AND sequence >= $from ORDER BY sequence";
        command.Parameters.AddWithValue("$election", electionId);
        command.Parameters.AddWithValue("$from", fromSequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return new LogRecord(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2));
    }

    public async Task<VoterSlot?> ReadSlotAsync(string electionId, string voterKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT revision, receipts FROM voter_slots WHERE election = $election AND voter_key = $voter";
        command.Parameters.AddWithValue("$election", electionId);
        command.Parameters.AddWithValue("$voter", voterKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new VoterSlot(voterKey, reader.GetInt64(0), ReceiptsJson.Read(reader.GetString(1)))
            : null;
    }

    /// <returns>Whether it wrote: false when the identical batch was already stored.</returns>
    private bool Append(string election, IReadOnlyList<LogRecord> batch, IReadOnlyList<SlotWrite> slots)
    {
        using var transaction = _writer.BeginTransaction();
        _append.Enlist(transaction);
        var first = batch[0].Sequence;
        var head = _append.Head(election);
        if (head != first - 1)
        {
            if (head >= batch[^1].Sequence && _append.Holds(election, batch)) return false;
            throw new ConcurrencyConflictException($"Election '{election}': the log head is at {head}, the batch starts at {first}.");
        }
        foreach (var write in slots)
        {
            var stored = _append.SlotRevision(election, write.Slot.VoterKey);
            if (stored != write.ExpectedRevision)
                throw new ConcurrencyConflictException(
                    $"Election '{election}': voter slot '{write.Slot.VoterKey}' is at revision {stored}, not {write.ExpectedRevision}.");
        }
        foreach (var record in batch) _append.Insert(election, record);
        foreach (var write in slots) _append.Upsert(election, write.Slot);
        transaction.Commit();
        return true;
    }

    private static void CheckAppend(IReadOnlyList<LogRecord> batch, IReadOnlyList<SlotWrite> slots)
    {
        if (batch.Count == 0) throw new ArgumentException("An append needs at least one record.", nameof(batch));
        if (batch[0].Sequence < 1) throw new ArgumentException("Sequences start at 1.", nameof(batch));
        for (var i = 1; i < batch.Count; i++)
            if (batch[i].Sequence != batch[i - 1].Sequence + 1)
                throw new ArgumentException("The batch's sequences must be consecutive.", nameof(batch));
        if (slots.Select(s => s.Slot.VoterKey).Distinct(StringComparer.Ordinal).Count() != slots.Count)
            throw new ArgumentException("An append writes each voter slot at most once.", nameof(slots));
    }
}
