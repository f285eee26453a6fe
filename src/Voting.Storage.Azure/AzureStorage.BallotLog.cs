using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Voting.Grains.Storage.Azure;

/// <remarks>
/// Each election is one partition of the log table: a <c>head</c> entity holding the last sequence (its ETag guards
/// appends), one entity per appended batch (see <see cref="LogBatchEntity"/>) and one <c>slot-{voter}</c> entity per
/// voter. An append is a single entity group transaction: replace the head at its ETag, add the batch, add or replace
/// each slot at its ETag. A transaction holds at most 100 actions, hence <see cref="MaxSlotsPerAppend"/>.
/// </remarks>
public sealed partial class AzureStorage : IBallotLogStore
{
    private const string HeadRowKey = "head";

    /// <summary>Last sequence and ETag of each election's head after this instance's last append, to skip reading it.</summary>
    private readonly ConcurrentDictionary<string, LogHead> _heads = new();

    /// <summary>100 actions per transaction, less the head and the batch.</summary>
    public int MaxSlotsPerAppend => 98;

    public int MaxRecordBytesPerAppend => LogBatchEntity.MaxPayloadBytes;

    /// <exception cref="ArgumentException">The append needs more than <see cref="MaxSlotsPerAppend"/> slots or <see cref="MaxRecordBytesPerAppend"/> bytes.</exception>
    public async Task AppendAsync(string electionId, IReadOnlyList<LogRecord> batch, IReadOnlyList<SlotWrite> slots, CancellationToken cancellationToken = default)
    {
        AppendRules.Check(this, batch, slots);
        var partition = TableKey.Escape(electionId);
        var first = batch[0].Sequence;
        var table = await LogTableAsync(cancellationToken);

        var head = _heads.TryGetValue(partition, out var cached) && cached.Last == first - 1
            ? cached
            : await ReadHeadAsync(partition, cancellationToken);
        if (head.Last != first - 1)
        {
            await AcceptIfStoredAsync(electionId, partition, batch, cancellationToken);
            return;
        }

        var actions = new List<TableTransactionAction>(2 + slots.Count)
        {
            head.ETag is { } headETag
                ? new(TableTransactionActionType.UpdateReplace, HeadEntity(partition, batch[^1].Sequence), headETag)
                : new(TableTransactionActionType.Add, HeadEntity(partition, batch[^1].Sequence)),
            new(TableTransactionActionType.Add, LogBatchEntity.Create(partition, batch)),
        };
        actions.AddRange(await SlotActionsAsync(electionId, partition, slots, cancellationToken));

        try
        {
            var responses = await table.SubmitTransactionAsync(actions, cancellationToken);
            if (responses.Value[0].Headers.ETag is { } newHeadETag) _heads[partition] = new LogHead(batch[^1].Sequence, newHeadETag);
            else _heads.TryRemove(partition, out _);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another writer got there first, or an earlier try of this very append committed before failing.
            _heads.TryRemove(partition, out _);
            await AcceptIfStoredAsync(electionId, partition, batch, cancellationToken);
        }
    }

    public async IAsyncEnumerable<LogRecord> ReadAsync(string electionId, long fromSequence = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
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

    public async Task<VoterSlot?> ReadSlotAsync(string electionId, string voterKey, CancellationToken cancellationToken = default)
    {
        var table = await LogTableAsync(cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(electionId), SlotEntity.RowKey(voterKey), cancellationToken: cancellationToken);
        return entity.HasValue ? SlotEntity.ToSlot(entity.Value!) : null;
    }

    /// <summary>Adds the new slots; reads the others to check their revision and replace them at their ETag.</summary>
    private Task<TableTransactionAction[]> SlotActionsAsync(string electionId, string partition, IReadOnlyList<SlotWrite> slots, CancellationToken cancellationToken) =>
        Task.WhenAll(slots.Select(async write =>
        {
            var entity = SlotEntity.Create(partition, write.Slot);
            if (write.ExpectedRevision == 0) return new TableTransactionAction(TableTransactionActionType.Add, entity);
            var stored = await _log.GetEntityIfExistsAsync<TableEntity>(partition, entity.RowKey, cancellationToken: cancellationToken);
            var revision = stored.HasValue ? SlotEntity.Revision(stored.Value!) : 0;
            if (revision != write.ExpectedRevision)
                throw new ConcurrencyConflictException(
                    $"Election '{electionId}': a voter slot is at revision {revision}, not {write.ExpectedRevision}.");
            return new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, stored.Value!.ETag);
        }));

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

    /// <param name="ETag">Null when the election has no head entity yet.</param>
    private readonly record struct LogHead(long Last, ETag? ETag);
}
