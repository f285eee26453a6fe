using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Voting.Core.Elections;
using Voting.Core.Json;
using Voting.Core.Record;
using Voting.Core.Results;
using Voting.Grains.Ballots;
using Voting.Grains.Contracts;
using Voting.Grains.Elections;
using Voting.Grains.Interfaces;
using Voting.Grains.Results;
using Voting.Grains.Roll;
using Voting.Grains.Storage;
using Voting.Grains.Telemetry;

namespace Voting.Grains.Boxes;

/// <summary>
/// One ballot box: its voters' share of the roll, and their ballots' log, written with group commit: ballots queue up
/// while one append is in flight, and the next append takes them all (up to the batch limits) in one durable write of
/// chained events and voter slots. A ballot is acknowledged only once its append is durable. The log is replayed
/// (<see cref="LogReplay"/>) into the tallies, saved every few seconds, and restored from the save and the rest of the
/// log on activation. Sealing refuses new casts and waits for the queue to drain.
/// </summary>
/// <remarks>
/// One voter, one counted ballot: the store writes a voter's slot only at the revision this grain read, and the
/// log only right after the head it knows, so a second activation (or anything else writing) makes the append
/// fail as a whole; the grain then reloads what was written and rebuilds the batch.
/// </remarks>
[Reentrant]
public sealed class BallotBoxGrain(
    IBallotLogStore log,
    IDocumentStore documents,
    IOptions<VotingGrainOptions> options,
    VotingMetrics metrics,
    ILogger<BallotBoxGrain> logger) : Grain, IBallotBoxGrain
{
    private readonly VotingGrainOptions _options = options.Value;
    private readonly Queue<PendingBallot> _queue = new();
    private readonly BoxRoll _roll = new();
    private readonly CheckpointSchedule _checkpointSchedule = new();
    private int _rollImports;
    private BallotBox _box;
    private ElectionDefinition? _definition;
    private BallotErrors _check = null!;
    private Dictionary<string, int> _envelopeOf = null!;
    private LogReplay _replay = null!;
    private ElectionStatus _status;
    private Task? _flushing;

    private long _publishedVersion = -1;
    private long _checkpointed;
    private string? _checkpointETag;
    private bool _checkpointing;

    private string Id => _box.LogId;

    private long Head => _replay.Position;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _box = BallotBox.Parse(this.GetPrimaryKeyString());
        var election = GrainFactory.GetGrain<IElectionGrain>(_box.Election);
        if (await election.Get() is not { } info || await election.StoredDefinition() is not { } definitionBytes)
        {
            DeactivateOnIdle(); // an unknown election: refuse what comes now, and look again next time
            return;
        }
        _status = info.Status;
        _definition = VotingJson.ReadDefinition(definitionBytes);
        _check = new BallotErrors(_definition);
        _envelopeOf = _definition.Envelopes
            .SelectMany((e, i) => e.Projects.Select(p => (p.Id, i)))
            .ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

        var checkpoint = await documents.ReadAsync(StoreNames.Checkpoints, Id, cancellationToken);
        _checkpointETag = checkpoint?.ETag;
        if (checkpoint is not null && LogReplay.Restore(_definition, definitionBytes, checkpoint.Data) is { } restored)
            _replay = restored;
        else
        {
            if (checkpoint is not null) logger.LogWarning("{Box}: the tallies' checkpoint does not fit; replaying the whole log", _box);
            _replay = new LogReplay(_definition, definitionBytes);
        }
        _checkpointed = Head;
        var replayed = await CatchUpAsync(cancellationToken);
        // A voter can have a slot only if the log has an event: on an empty log, no slot needs reading.
        _roll.NewSlotsAreEmpty = Head == 0;
        await LoadRollAsync(cancellationToken);
        logger.LogInformation("{Box}: {Voters} voters, ballot log at {Head} ({Replayed} events replayed)", _box, _roll.Count, Head, replayed);

        this.RegisterGrainTimer(PublishAsync, _options.ResultsInterval, _options.ResultsInterval);
        this.RegisterGrainTimer(
            cancellationToken => _checkpointSchedule.IsDue(Head, _checkpointed) ? CheckpointAsync(cancellationToken) : Task.CompletedTask,
            _options.CheckpointInterval, _options.CheckpointInterval);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_definition is null) return;
        if (_flushing is not null) await _flushing;
        await CheckpointAsync(cancellationToken);
    }

    public Task<Outcome<CastReceipt>> Cast(string voterKey, IReadOnlyDictionary<string, int> grades) => metrics.Cast(CastAsync(voterKey, grades));

    public Task<Outcome<CastReceipt>[]> CastAll(IReadOnlyList<BallotCast> casts) => Task.WhenAll(casts.Select(c => Cast(c.VoterKey, c.Grades)));

    private Task<Outcome<CastReceipt>> CastAsync(string voterKey, IReadOnlyDictionary<string, int> grades)
    {
        if (_definition is null) return Refuse(Failure.NotFound, $"unknown election '{_box.Election}'");
        if (_status == ElectionStatus.Draft) return CastAfterOpeningAsync(voterKey, grades);
        return Take(voterKey, grades);
    }

    /// <summary>The election may have opened without this box hearing of it (its grain went down in between): ask it.</summary>
    private async Task<Outcome<CastReceipt>> CastAfterOpeningAsync(string voterKey, IReadOnlyDictionary<string, int> grades)
    {
        if (_status == ElectionStatus.Draft && await GrainFactory.GetGrain<IElectionGrain>(_box.Election).Get() is { Status: not ElectionStatus.Draft } info)
            _status = info.Status;
        if (_status == ElectionStatus.Draft) return Outcome<CastReceipt>.Fail(Failure.NotOpen, $"the vote on '{_box.Election}' is not open yet");
        return await Take(voterKey, grades);
    }

    /// <summary>Checks the ballot against the roll and the definition, and queues it for the next append.</summary>
    private Task<Outcome<CastReceipt>> Take(string voterKey, IReadOnlyDictionary<string, int> grades)
    {
        if (_status == ElectionStatus.Closed) return Refuse(Failure.Closed, $"the vote on '{_box.Election}' is closed");
        int place = PlaceOf(voterKey);
        if (place < 0) return Refuse(Failure.Unauthorized, "unknown invitation code");
        if (_check.Check(grades, _roll.EnvelopesOf(place)) is { } refusal)
            return Task.FromResult(Outcome<CastReceipt>.Fail(refusal.Forbidden ? Failure.Forbidden : Failure.Invalid, "the ballot is refused", refusal.Problems));

        var pending = new PendingBallot(new BallotSubmission(voterKey, grades), place);
        _queue.Enqueue(pending);
        _flushing ??= FlushAsync();
        return pending.Done.Task;
    }

    private static Task<Outcome<CastReceipt>> Refuse(Failure failure, string error) => Task.FromResult(Outcome<CastReceipt>.Fail(failure, error));

    /// <summary>The voter's place in this box's roll, or -1 for a key not on it.</summary>
    private int PlaceOf(string voterKey) =>
        RollKey.IsVoterKey(voterKey) && BallotBox.IndexOf(voterKey, _box.Count) == _box.Index ? _roll.Find(RollKey.Of(voterKey)) : -1;

    public async Task<Outcome<VoterBallot>> Ballot(string voterKey)
    {
        if (_definition is null) return Outcome<VoterBallot>.Fail(Failure.NotFound, $"unknown election '{_box.Election}'");
        int place = PlaceOf(voterKey);
        if (place < 0) return Outcome<VoterBallot>.Fail(Failure.Unauthorized, "unknown invitation code");
        if (!_roll.TryGetSlot(place, out _, out _)) await LoadVoterAsync(place, voterKey);
        var slot = SlotOf(place);
        return slot.Receipt is { } receipt && _replay.Grades(receipt) is { } grades
            ? Outcome<VoterBallot>.Ok(new VoterBallot(receipt, slot.Revision, grades))
            : Outcome<VoterBallot>.Fail(Failure.NotFound, "no ballot cast with this invitation code yet");
    }

    public Task<Outcome<IReadOnlyList<string>>> Envelopes(string voterKey)
    {
        if (_definition is null) return Task.FromResult(Outcome<IReadOnlyList<string>>.Fail(Failure.NotFound, $"unknown election '{_box.Election}'"));
        int place = PlaceOf(voterKey);
        return Task.FromResult(place < 0
            ? Outcome<IReadOnlyList<string>>.Fail(Failure.Unauthorized, "unknown invitation code")
            : Outcome<IReadOnlyList<string>>.Ok(_roll.EnvelopesOf(place)));
    }

    public Task<TallySnapshot> Tallies() =>
        Task.FromResult(_definition is null ? throw new InvalidOperationException($"unknown election '{_box.Election}'") : _replay.Snapshot());

    public Task<Outcome<ReceiptStatus>> Receipt(string receipt) => Task.FromResult(
        _definition is not null && _replay.Lookup(receipt) is { } found
            ? Outcome<ReceiptStatus>.Ok(new ReceiptStatus(receipt, found.Counted, found.Envelopes))
            : Outcome<ReceiptStatus>.Fail(Failure.NotFound, "unknown receipt"));

    public Task LoadRoll() => _definition is null ? Task.CompletedTask : LoadRollAsync(CancellationToken.None);

    public Task Open()
    {
        if (_status == ElectionStatus.Draft) _status = ElectionStatus.Open;
        return Task.CompletedTask;
    }

    public async Task Seal()
    {
        if (_definition is null) return;
        _status = ElectionStatus.Closed;
        if (_flushing is not null) await _flushing;
        await PublishAsync(CancellationToken.None);
        await CheckpointAsync(CancellationToken.None);
    }

    public IAsyncEnumerable<LogRecord> ReadLog() => log.ReadAsync(Id);

    /// <summary>Adds the voters of the roll imports committed since the last call, all at once.</summary>
    private async Task LoadRollAsync(CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var key in documents.ListKeysAsync(StoreNames.RollImports, RollImport.Prefix(_box.Election), cancellationToken))
            if (RollImport.NumberOf(key) > _rollImports) keys.Add(key);
        var shards = await Task.WhenAll(keys.Select(async key =>
        {
            var import = RollImport.Read((await documents.ReadAsync(StoreNames.RollImports, key, cancellationToken))!.Data);
            int number = RollImport.NumberOf(key);
            var shard = await documents.ReadAsync(StoreNames.RollShards, import.ShardKey(_box.Election, number, _box.Index), cancellationToken)
                ?? throw new InvalidDataException($"{_box}: import {number} has no shard for this box");
            return RollShard.Read(shard.Data);
        }));
        _roll.Add(shards);
        if (keys.Count > 0) _rollImports = keys.Max(RollImport.NumberOf);
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
                var next = _queue.Count > 0 ? await TryBuildNextAsync(inFlight?.Batch) : null;
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

    /// <summary>
    /// <see cref="BuildNextAsync"/>, or null when it could not read the voters' slots (the store is unreachable): then every
    /// queued ballot fails with that error rather than wait for an answer that would never come.
    /// </summary>
    private async Task<BallotBatch?> TryBuildNextAsync(BallotBatch? after)
    {
        try
        {
            return await BuildNextAsync(after);
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Box}: could not read the slots of {Count} queued ballots", _box, _queue.Count);
            while (_queue.TryDequeue(out var pending)) pending.Done.TrySetException(e);
            return null;
        }
    }

    /// <summary>Takes the ballots at the head of the queue that one append may carry, and builds their batch after <paramref name="after"/>.</summary>
    private async Task<BallotBatch> BuildNextAsync(BallotBatch? after)
    {
        var candidates = Candidates();
        await LoadVotersAsync(candidates);
        var batch = new BallotBatch(_box, _definition!, _envelopeOf, after?.Head ?? Head, after?.HeadHash ?? _replay.HeadHash, log.MaxRecordBytesPerAppend);
        foreach (var pending in candidates)
        {
            var voter = pending.Submission.VoterKey;
            var state = after is not null && after.TryGetState(voter, out var pendingState) ? pendingState : SlotOf(pending.Place);
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
            logger.LogWarning("{Box}: {Conflict}; reloading and trying {Count} ballots again", _box, e.Message, batch.Ballots.Count);
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
            logger.LogError(e, "{Box}: an append of {Count} ballots failed", _box, batch.Ballots.Count);
            foreach (var pending in batch.Ballots) pending.Done.TrySetException(e);
            await ReloadAsync();
            return false;
        }

        foreach (var record in batch.Records) _replay.Append(record.Event, record.Hash);
        foreach (var pending in batch.Ballots)
            if (batch.TryGetState(pending.Submission.VoterKey, out var state)) _roll.SetSlot(pending.Place, state.Revision, ReceiptValue(state.Receipt));
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

    /// <summary>The ballots at the head of the queue that one append may carry by count (their bytes are bounded as the batch is built).</summary>
    private List<PendingBallot> Candidates() => [.. _queue.Take(_options.MaxBallotsPerAppend)];

    /// <summary>
    /// Appends, trying the same batch again after a transient failure (an identical re-append is accepted). A store that
    /// says it is unavailable has waited and retried on its own already: its ballots fail at once.
    /// </summary>
    private async Task AppendWithRetryAsync(BallotBatch batch)
    {
        var slots = batch.Slots();
        using var activity = VotingActivities.StartAppend(_box, batch.Ballots.Count);
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                await log.AppendAsync(Id, batch.Records, slots);
                metrics.Appended(batch.Ballots.Count, started);
                return;
            }
            catch (Exception e) when (e is not (ConcurrencyConflictException or ArgumentException or StorageUnavailableException) && attempt < 2)
            {
                logger.LogWarning(e, "{Box}: append failed; trying the same batch again", _box);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * (attempt + 1)));
            }
        }
    }

    /// <summary>Reads the slots of the candidates' voters that this activation does not know yet.</summary>
    private async Task LoadVotersAsync(List<PendingBallot> candidates)
    {
        var missing = candidates.Where(c => !_roll.TryGetSlot(c.Place, out _, out _)).DistinctBy(c => c.Place).ToArray();
        foreach (var chunk in missing.Chunk(32))
        {
            var slots = await Task.WhenAll(chunk.Select(c => log.ReadSlotAsync(Id, c.Submission.VoterKey)));
            for (int i = 0; i < chunk.Length; i++) Remember(chunk[i].Place, slots[i]);
        }
    }

    /// <summary>Reads one voter's slot, unless a cast made it known meanwhile.</summary>
    private async Task LoadVoterAsync(int place, string voterKey)
    {
        var slot = await log.ReadSlotAsync(Id, voterKey);
        if (!_roll.TryGetSlot(place, out _, out _)) Remember(place, slot);
    }

    private void Remember(int place, VoterSlot? slot) =>
        _roll.SetSlot(place, slot?.Revision ?? 0, ReceiptValue(slot?.Receipts.Values.FirstOrDefault()));

    /// <summary>The voter's slot as known (after <see cref="LoadVotersAsync"/>).</summary>
    private VoterState SlotOf(int place)
    {
        _roll.TryGetSlot(place, out var revision, out var receipt);
        return new VoterState(revision, receipt is { } value ? _box.ReceiptPrefix + value.ToString("x32", CultureInfo.InvariantCulture) : null);
    }

    /// <summary>A receipt of this box as the roll keeps it: its 128-bit commitment, without the box's prefix.</summary>
    private UInt128? ReceiptValue(string? receipt) =>
        receipt is null ? null : UInt128.Parse(receipt.AsSpan(_box.ReceiptPrefix.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

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
            logger.LogError(e, "{Box}: could not read the log back; deactivating", _box);
            DeactivateOnIdle();
        }
        _roll.ForgetSlots();
    }

    /// <summary>Folds in the log's events after the projection's position, checking the chain.</summary>
    private async Task<long> CatchUpAsync(CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var record in log.ReadAsync(Id, Head + 1, cancellationToken))
        {
            if (record.Sequence != Head + 1)
                throw new InvalidDataException($"{_box}: log entry {record.Sequence} does not follow entry {Head}.");
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
        return GrainFactory.GetGrain<IResultsFeedGrain>(_box.Election).Publish(_box.Index, _replay.Snapshot());
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
            logger.LogWarning(e, "{Box}: checkpoint failed; the log still has every ballot", _box);
        }
        finally
        {
            _checkpointing = false;
        }
    }
}
