using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Voting.Grains.Storage.Azure;

/// <remarks>
/// Each election is one partition of the log table: a <c>head</c> entity holding the last sequence (its ETag guards
/// appends), one entity per appended batch (see <see cref="LogBatchEntity"/>) and, beside it, the voter slots that
/// batch wrote (see <see cref="SlotJournalEntity"/>). An append is a single entity group transaction of these three:
/// replace the head at its ETag, add the batch, add its slot journal. The head's ETag makes the writer that read
/// the head the only one to move it, so expected revisions are checked against the slots folded from the journal
/// up to that head (<see cref="SlotIndex"/>): one transaction of three entities, however many voters it carries.
/// </remarks>
public sealed partial class AzureStorage : IBallotLogStore
{
    private const string HeadRowKey = "head";

    /// <summary>Last sequence and ETag of each election's head after this instance's last append, to skip reading it.</summary>
    private readonly ConcurrentDictionary<string, LogHead> _heads = new();

    /// <summary>Each election's current slots, folded from its journal, and the gate that makes one append or fold at a time.</summary>
    private readonly ConcurrentDictionary<string, PartitionSlots> _slots = new();

    public int MaxRecordBytesPerAppend => LogBatchEntity.MaxPayloadBytes;

    /// <exception cref="ArgumentException">The append carries more than <see cref="MaxRecordBytesPerAppend"/> bytes.</exception>
    public Task AppendAsync(string electionId, IReadOnlyList<LogRecord> batch, IReadOnlyList<SlotWrite> slots, CancellationToken cancellationToken = default) =>
        Reach("append", async () =>
        {
            AppendRules.Check(this, batch, slots);
            await AppendCheckedAsync(electionId, batch, slots, cancellationToken);
            return true;
        }, cancellationToken);

    private async Task AppendCheckedAsync(string electionId, IReadOnlyList<LogRecord> batch, IReadOnlyList<SlotWrite> slots, CancellationToken cancellationToken)
    {
        var partition = TableKey.Escape(electionId);
        var first = batch[0].Sequence;
        var last = batch[^1].Sequence;
        var table = await LogTableAsync(cancellationToken);
        var current = _slots.GetOrAdd(partition, _ => new PartitionSlots());
        await current.Gate.WaitAsync(cancellationToken);
        try
        {
            var head = _heads.TryGetValue(partition, out var cached) && cached.Last == first - 1
                ? cached
                : await ReadHeadAsync(partition, cancellationToken);
            if (head.Last != first - 1)
            {
                await AcceptIfStoredAsync(electionId, partition, batch, cancellationToken);
                return;
            }
            if (slots.Count > 0)
            {
                await CatchUpAsync(partition, current.Index, head.Last, cancellationToken);
                current.Index.CheckExpected(electionId, slots);
            }

            var actions = new List<TableTransactionAction>(3)
            {
                head.ETag is { } headETag
                    ? new(TableTransactionActionType.UpdateReplace, HeadEntity(partition, last), headETag)
                    : new(TableTransactionActionType.Add, HeadEntity(partition, last)),
                new(TableTransactionActionType.Add, LogBatchEntity.Create(partition, batch)),
            };
            if (slots.Count > 0) actions.Add(new(TableTransactionActionType.Add, SlotJournalEntity.Create(partition, last, slots)));

            try
            {
                var responses = await table.SubmitTransactionAsync(actions, cancellationToken);
                if (responses.Value[0].Headers.ETag is { } newHeadETag) _heads[partition] = new LogHead(last, newHeadETag);
                else _heads.TryRemove(partition, out _);
                if (current.Index.Head == head.Last) current.Index.Apply(last, slots.Select(write => write.Slot));
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another writer got there first, or an earlier try of this very append committed before failing.
                _heads.TryRemove(partition, out _);
                await AcceptIfStoredAsync(electionId, partition, batch, cancellationToken);
            }
        }
        finally { current.Gate.Release(); }
    }

    public IAsyncEnumerable<LogRecord> ReadAsync(string electionId, long fromSequence = 1, CancellationToken cancellationToken = default) =>
        Reach("read a ballot log", ReadCheckedAsync(electionId, fromSequence, cancellationToken), cancellationToken);

    private async IAsyncEnumerable<LogRecord> ReadCheckedAsync(string electionId, long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await LogTableAsync(cancellationToken);
        var partition = TableKey.Escape(electionId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {LogBatchEntity.RowKey(Math.Max(fromSequence, 0))} and RowKey le {LogBatchEntity.MaxRowKey}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            foreach (var record in LogBatchEntity.Records(entity))
                if (record.Sequence >= fromSequence)
                    yield return record;
    }

    public Task<VoterSlot?> ReadSlotAsync(string electionId, string voterKey, CancellationToken cancellationToken = default) =>
        Reach("read a voter slot", () => ReadSlotCheckedAsync(electionId, voterKey, cancellationToken), cancellationToken);

    private async Task<VoterSlot?> ReadSlotCheckedAsync(string electionId, string voterKey, CancellationToken cancellationToken)
    {
        await LogTableAsync(cancellationToken);
        var partition = TableKey.Escape(electionId);
        var head = await ReadHeadAsync(partition, cancellationToken);
        var current = _slots.GetOrAdd(partition, _ => new PartitionSlots());
        await current.Gate.WaitAsync(cancellationToken);
        try
        {
            await CatchUpAsync(partition, current.Index, head.Last, cancellationToken);
            return current.Index.Find(voterKey);
        }
        finally { current.Gate.Release(); }
    }

    /// <summary>Folds the slot journal after the index's head, up to <paramref name="head"/> (another instance may have appended).</summary>
    private async Task CatchUpAsync(string partition, SlotIndex index, long head, CancellationToken cancellationToken)
    {
        if (index.Head >= head) return;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey gt {SlotJournalEntity.RowKey(index.Head)} and RowKey le {SlotJournalEntity.RowKey(head)}");
        await foreach (var entity in _log.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            index.Apply(SlotJournalEntity.LastSequence(entity), SlotJournalEntity.Slots(entity));
        index.Apply(head, []);
    }

    /// <summary>Returns if the log already holds exactly <paramref name="batch"/>; throws a conflict otherwise.</summary>
    private async Task AcceptIfStoredAsync(string electionId, string partition, IReadOnlyList<LogRecord> batch, CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(partition, cancellationToken);
        if (head.Last >= batch[^1].Sequence && await HoldsAsync(electionId, batch, cancellationToken)) return;
        throw new ConcurrencyConflictException(
            $"Election '{electionId}': the log head is at {head.Last} or a voter slot moved; the batch starts at {batch[0].Sequence}.");
    }

    private async Task<bool> HoldsAsync(string electionId, IReadOnlyList<LogRecord> batch, CancellationToken cancellationToken)
    {
        var i = 0;
        await foreach (var stored in ReadAsync(electionId, batch[0].Sequence, cancellationToken))
        {
            var record = batch[i];
            if (stored.Sequence != record.Sequence || stored.Hash != record.Hash || !stored.Event.AsSpan().SequenceEqual(record.Event))
                return false;
            if (++i == batch.Count) return true;
        }
        return false;
    }

    private async Task<LogHead> ReadHeadAsync(string partition, CancellationToken cancellationToken)
    {
        var head = await _log.GetEntityIfExistsAsync<TableEntity>(partition, HeadRowKey, cancellationToken: cancellationToken);
        return head.HasValue ? new LogHead(head.Value!.GetInt64("Last") ?? 0, head.Value.ETag) : new LogHead(0, null);
    }

    private static TableEntity HeadEntity(string partition, long last) => new(partition, HeadRowKey) { ["Last"] = last };

    private async Task<TableClient> LogTableAsync(CancellationToken cancellationToken)
    {
        if (!_logTableCreated)
        {
            await _log.CreateIfNotExistsAsync(cancellationToken);
            _logTableCreated = true;
        }
        return _log;
    }

    private sealed class PartitionSlots
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public SlotIndex Index { get; } = new();
    }

    /// <param name="ETag">Null when the election has no head entity yet.</param>
    private readonly record struct LogHead(long Last, ETag? ETag);
}
