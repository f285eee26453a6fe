using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Voting.Core.Elections;
using Voting.Core.Json;
using Voting.Core.Record;
using Voting.Core.Results;
using Voting.Grains.Contracts;
using Voting.Grains.Results;
using Voting.Grains.Storage;

namespace Voting.Grains.Ballots;

/// <summary>
/// An election's ballot log, written with group commit: ballots queue up while one append is in flight, and the
/// next append takes them all (up to the batch limits) in one durable write of chained events and voter slots.
/// A ballot is acknowledged only once its append is durable. The tallies are folded from the appended events,
/// checkpointed every few seconds, and rebuilt from the checkpoint and the rest of the log on activation.
/// </summary>
/// <remarks>
/// One voter, one counted ballot: the store writes a voter's slot only at the revision this grain read, and the
/// log only right after the head it knows, so a second activation (or anything else writing) makes the append
/// fail as a whole; the grain then reloads what was written and rebuilds the batch.
/// </remarks>
[Reentrant]
public sealed class BallotLogGrain(
    IBallotLogStore log,
    IDocumentStore documents,
    IOptions<VotingGrainOptions> options,
    ILogger<BallotLogGrain> logger) : Grain, IBallotLogGrain
{
    private readonly VotingGrainOptions _options = options.Value;
    private readonly Queue<PendingBallot> _queue = new();
    private readonly Dictionary<string, VoterState> _voters = new(StringComparer.Ordinal);
    private ElectionDefinition _definition = null!;
    private Dictionary<string, int> _envelopeOf = null!;
    private LogReplay _replay = null!;
    private bool _votersComplete;
    private Task? _flushing;

    private long _publishedVersion = -1;
    private long _checkpointed;
    private string? _checkpointETag;
    private bool _checkpointing;

    private string Id => this.GetPrimaryKeyString();

    private long Head => _replay.Position;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = await documents.ReadAsync(StoreNames.Definitions, Id, cancellationToken)
            ?? throw new InvalidOperationException($"Election '{Id}' has no definition: no ballot log.");
        _definition = VotingJson.ReadDefinition(stored.Data);
        _envelopeOf = _definition.Envelopes
            .SelectMany((e, i) => e.Projects.Select(p => (p.Id, i)))
            .ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

        var checkpoint = await documents.ReadAsync(StoreNames.Checkpoints, Id, cancellationToken);
        _checkpointETag = checkpoint?.ETag;
        if (checkpoint is not null && LogReplay.Restore(_definition, stored.Data, checkpoint.Data) is { } restored)
            _replay = restored;
        else
        {
            if (checkpoint is not null) logger.LogWarning("Election {Election}: the tallies' checkpoint does not fit; replaying the whole log", Id);
            _replay = new LogReplay(_definition, stored.Data);
        }
        _checkpointed = Head;
        var replayed = await CatchUpAsync(cancellationToken);
        // A voter can have a slot only if the log has an event: on an empty log, no slot needs reading.
        _votersComplete = Head == 0;
        logger.LogInformation("Election {Election}: ballot log at {Head} ({Replayed} events replayed)", Id, Head, replayed);

        this.RegisterGrainTimer(PublishAsync, _options.ResultsInterval, _options.ResultsInterval);
        this.RegisterGrainTimer(CheckpointAsync, _options.CheckpointInterval, _options.CheckpointInterval);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_flushing is not null) await _flushing;
        await CheckpointAsync(cancellationToken);
    }

    public Task<Outcome<CastReceipt>> Append(BallotSubmission ballot)
    {
        var pending = new PendingBallot(ballot);
        _queue.Enqueue(pending);
        _flushing ??= FlushAsync();
        return pending.Done.Task;
    }

    public Task<TallySnapshot> Tallies() => Task.FromResult(_replay.Snapshot());

    public Task<Outcome<ReceiptStatus>> Receipt(string receipt) => Task.FromResult(
        _replay.Lookup(receipt) is { } found
            ? Outcome<ReceiptStatus>.Ok(new ReceiptStatus(receipt, found.Counted, found.Envelopes))
            : Outcome<ReceiptStatus>.Fail(Failure.NotFound, "unknown receipt"));

    public async Task Settle()
    {
        if (_flushing is not null) await _flushing;
        await PublishAsync(CancellationToken.None);
        await CheckpointAsync(CancellationToken.None);
    }

    /// <summary>
    /// Commits queued ballots, batch after batch, until the queue is empty. The next batch is built (on top of the
    /// one in flight) while the store makes that one durable; it is sent once that one is, or put back if it failed.
    /// </summary>
    private async Task FlushAsync()
    {
        try
        {
            await Task.Yield(); // let the ballots that arrive in this turn join the first batch
            (BallotBatch Batch, Task Append)? inFlight = null;
            while (true)
            {
                var next = _queue.Count > 0 ? await BuildNextAsync(inFlight?.Batch) : null;
                if (inFlight is { } current)
                {
                    inFlight = null;
                    if (!await CompleteAsync(current.Batch, current.Append) && next is not null)
                    {
                        Requeue(next.Ballots); // built on a batch that did not make it
                        next = null;
                    }
                }
                if (next is not null) inFlight = (next, AppendWithRetryAsync(next));
                else if (_queue.Count == 0) return;
            }
        }
        finally
        {
            _flushing = null;
        }
    }

    /// <summary>Takes the ballots at the head of the queue that one append may carry, and builds their batch after <paramref name="after"/>.</summary>
    private async Task<BallotBatch> BuildNextAsync(BallotBatch? after)
    {
        var candidates = Candidates();
        await LoadVotersAsync(candidates);
        var batch = after is null
            ? new BallotBatch(Id, _definition, _envelopeOf, Head, _replay.HeadHash, log.MaxRecordBytesPerAppend)
            : new BallotBatch(Id, _definition, _envelopeOf, after.Head, after.HeadHash, log.MaxRecordBytesPerAppend);
        foreach (var pending in candidates)
        {
            var voter = pending.Submission.VoterKey;
            var state = after is not null && after.TryGetState(voter, out var pendingState) ? pendingState : _voters.GetValueOrDefault(voter, VoterState.None);
            if (!batch.TryAdd(pending, state, IsNewReceipt)) break;
        }
        Dequeue(batch.Ballots.Count);
        return batch;
    }

    private bool IsNewReceipt(string receipt) => !_replay.Knows(receipt);

    /// <summary>Waits for a batch's append; then folds it in and acknowledges its ballots, or puts them back (conflict) or fails them.</summary>
    /// <returns>Whether the batch is durable.</returns>
    private async Task<bool> CompleteAsync(BallotBatch batch, Task append)
    {
        try
        {
            await append;
        }
        catch (ConcurrencyConflictException e)
        {
            logger.LogWarning("Election {Election}: {Conflict}; reloading and trying {Count} ballots again", Id, e.Message, batch.Ballots.Count);
            var retry = new List<PendingBallot>();
            foreach (var pending in batch.Ballots)
            {
                if (++pending.Conflicts <= _options.MaxConflictRetries) retry.Add(pending);
                else pending.Done.TrySetException(e);
            }
            Requeue(retry);
            await ReloadAsync();
            return false;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Election {Election}: an append of {Count} ballots failed", Id, batch.Ballots.Count);
            foreach (var pending in batch.Ballots) pending.Done.TrySetException(e);
            await ReloadAsync();
            return false;
        }

        foreach (var record in batch.Records) _replay.Append(record.Event, record.Hash);
        foreach (var (voter, state) in batch.VoterStates) _voters[voter] = state;
        for (int i = 0; i < batch.Ballots.Count; i++)
            batch.Ballots[i].Done.TrySetResult(Outcome<CastReceipt>.Ok(batch.Receipts[i]));
        return true;
    }

    /// <summary>Puts ballots back at the head of the queue, in their order.</summary>
    private void Requeue(List<PendingBallot> ballots)
    {
        if (ballots.Count == 0) return;
        var rest = _queue.ToArray();
        _queue.Clear();
        foreach (var pending in ballots.Concat(rest)) _queue.Enqueue(pending);
    }

    /// <summary>The ballots at the head of the queue that one append may carry: by count, and by distinct voters.</summary>
    private List<PendingBallot> Candidates()
    {
        var maxSlots = log.MaxSlotsPerAppend;
        var voters = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<PendingBallot>();
        foreach (var pending in _queue)
        {
            if (candidates.Count >= _options.MaxBallotsPerAppend) break;
            if (!voters.Contains(pending.Submission.VoterKey))
            {
                if (voters.Count >= maxSlots) break;
                voters.Add(pending.Submission.VoterKey);
            }
            candidates.Add(pending);
        }
        return candidates;
    }

    /// <summary>Appends, trying the same batch again after a transient failure (an identical re-append is accepted).</summary>
    private async Task AppendWithRetryAsync(BallotBatch batch)
    {
        var slots = batch.Slots();
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await log.AppendAsync(Id, batch.Records, slots);
                return;
            }
            catch (Exception e) when (e is not (ConcurrencyConflictException or ArgumentException) && attempt < 2)
            {
                logger.LogWarning(e, "Election {Election}: append failed; trying the same batch again", Id);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * (attempt + 1)));
            }
        }
    }

    /// <summary>Reads the slots of the candidates' voters this activation has not seen yet.</summary>
    private async Task LoadVotersAsync(List<PendingBallot> candidates)
    {
        if (_votersComplete) return;
        var missing = candidates.Select(c => c.Submission.VoterKey).Distinct(StringComparer.Ordinal).Where(v => !_voters.ContainsKey(v)).ToArray();
        foreach (var chunk in missing.Chunk(32))
        {
            var slots = await Task.WhenAll(chunk.Select(v => log.ReadSlotAsync(Id, v)));
            for (int i = 0; i < chunk.Length; i++)
                _voters[chunk[i]] = slots[i] is { } slot ? new VoterState(slot.Revision, slot.Receipts.Values.FirstOrDefault()) : VoterState.None;
        }
    }

    private void Dequeue(int count)
    {
        for (int i = 0; i < count; i++) _queue.Dequeue();
    }

    /// <summary>After a conflict or a failure: fold in what others appended, and forget the cached voter slots.</summary>
    private async Task ReloadAsync()
    {
        try
        {
            await CatchUpAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Election {Election}: could not read the log back; deactivating", Id);
            DeactivateOnIdle();
        }
        _voters.Clear();
        _votersComplete = false;
    }

    /// <summary>Folds in the log's events after the projection's position, checking the chain.</summary>
    private async Task<long> CatchUpAsync(CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var record in log.ReadAsync(Id, Head + 1, cancellationToken))
        {
            if (record.Sequence != Head + 1)
                throw new InvalidDataException($"Election '{Id}': log entry {record.Sequence} does not follow entry {Head}.");
            _replay.Append(record.Event, record.Hash);
            count++;
        }
        return count;
    }

    /// <summary>Pushes the tallies to the election's results feed when ballots came in since the last push (at most every <see cref="VotingGrainOptions.ResultsInterval"/>).</summary>
    private Task PublishAsync(CancellationToken cancellationToken)
    {
        if (_publishedVersion == Head) return Task.CompletedTask;
        _publishedVersion = Head;
        return GrainFactory.GetGrain<IResultsFeedGrain>(Id).Publish(_replay.Snapshot());
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (_checkpointing || _checkpointed == Head) return;
        _checkpointing = true;
        try
        {
            var position = Head;
            var data = _replay.Save();
            try
            {
                _checkpointETag = await documents.WriteAsync(StoreNames.Checkpoints, Id, data, _checkpointETag, cancellationToken);
                _checkpointed = position;
            }
            catch (ConcurrencyConflictException)
            {
                // Another activation wrote one; take its ETag and write ours next time (replay covers any gap).
                _checkpointETag = (await documents.ReadAsync(StoreNames.Checkpoints, Id, cancellationToken))?.ETag;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Election {Election}: checkpoint failed; the log still has every ballot", Id);
        }
        finally
        {
            _checkpointing = false;
        }
    }
}
