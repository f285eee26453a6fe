using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Voting.Grains.Storage.Sqlite;

public sealed partial class SqliteStorage : IBallotLogStore
{
    public async Task AppendAsync(string electionId, IReadOnlyList<LogRecord> batch, IReadOnlyList<SlotWrite> slots, CancellationToken cancellationToken = default)
    {
        AppendRules.Check(this, batch, slots);
        await _file.OnWriterAsync(writer => Append(writer, electionId, batch, slots), cancellationToken);
    }

    public async IAsyncEnumerable<LogRecord> ReadAsync(string electionId, long fromSequence = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await _file.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT records FROM log_batches WHERE election = $election AND last_sequence >= $from ORDER BY last_sequence";
        command.Parameters.AddWithValue("$election", electionId);
        command.Parameters.AddWithValue("$from", fromSequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            foreach (var record in LogBatchPayload.Decode(reader.GetFieldValue<byte[]>(0)))
                if (record.Sequence >= fromSequence)
                    yield return record;
    }

    /// <remarks>
    /// On the writer, which keeps the slot index in step with the log; in a read transaction, which WAL lets run while
    /// another connection holds the write lock.
    /// </remarks>
    public Task<VoterSlot?> ReadSlotAsync(string electionId, string voterKey, CancellationToken cancellationToken = default) =>
        _file.OnWriterAsync(writer =>
        {
            using var transaction = writer.BeginTransaction(deferred: true);
            _append.Enlist(transaction);
            return CurrentSlots(electionId, _append.Head(electionId)).Find(voterKey);
        }, cancellationToken);

    /// <returns>Whether it wrote: false when the identical batch was already stored.</returns>
    private bool Append(SqliteConnection writer, string election, IReadOnlyList<LogRecord> batch, IReadOnlyList<SlotWrite> slots)
    {
        using var transaction = writer.BeginTransaction();
        _append.Enlist(transaction);
        var first = batch[0].Sequence;
        var head = _append.Head(election);
        if (head != first - 1)
        {
            if (head >= batch[^1].Sequence && _append.Holds(election, batch)) return false;
            throw new ConcurrencyConflictException($"Election '{election}': the log head is at {head}, the batch starts at {first}.");
        }
        var index = CurrentSlots(election, head);
        index.CheckExpected(election, slots);
        _append.InsertBatch(election, batch);
        if (slots.Count > 0) _append.InsertSlots(election, batch[^1].Sequence, SlotJournal.Encode(slots));
        transaction.Commit();
        index.Apply(batch[^1].Sequence, slots.Select(s => s.Slot));
        return true;
    }

    /// <summary>The election's slot index, first brought up to <paramref name="head"/> from the journal (another instance may have appended).</summary>
    private SlotIndex CurrentSlots(string election, long head)
    {
        if (!_slotIndexes.TryGetValue(election, out var index))
            _slotIndexes[election] = index = new SlotIndex();
        if (index.Head != head)
        {
            foreach (var (last, row) in _append.SlotRowsAfter(election, index.Head))
                index.Apply(last, SlotJournal.Decode(row));
            index.Apply(head, []);
        }
        return index;
    }
}
