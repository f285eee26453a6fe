using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Voting.Core.Elections;
using Voting.Core.Json;
using Voting.Core.Results;
using Voting.Core.Trail;
using Voting.Grains.Boxes;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;
using Voting.Grains.Results;
using Voting.Grains.Roll;
using Voting.Grains.Storage;

namespace Voting.Grains.Elections;

/// <summary>
/// One election: its definition (written once, by Create), its status and the imports of its voter roll. Its ballots
/// are in its ballot boxes, which casts reach directly: the election opens and seals them, adds up their tallies for
/// the results, and sends a receipt to the box that issued it. Changes of state take turns, one at a time. Each official
/// action that succeeds is recorded in the election's audit trail, stamped with this grain's clock, in the same write
/// as the change it records.
/// </summary>
public sealed class ElectionGrain(
    [PersistentState("election", VotingStorage.GrainStorage)] IPersistentState<ElectionState> state,
    IDocumentStore documents,
    IElectionCounter counter,
    IOptions<VotingGrainOptions> options,
    TimeProvider clock,
    ILogger<ElectionGrain> logger) : Grain, IElectionGrain
{
    private ElectionDefinition? _definition;
    private int _imports;
    private long _voters;
    /// <summary>The trail entries of the roll imports, in import order.</summary>
    private readonly List<TrailEntry> _importTrail = [];
    private readonly Dictionary<string, long> _envelopeVoters = new(StringComparer.Ordinal);
    /// <summary>The hashed ids of the voters on the roll, read at the first import of this activation.</summary>
    private HashSet<UInt128>? _voterIds;
    private CoalescedCount? _count;

    private string Id => this.GetPrimaryKeyString();

    private ElectionStatus Status => state.State.Status;

    private int BoxCount => state.State.BallotBoxes;

    private IEnumerable<IBallotBoxGrain> Boxes =>
        BallotBox.All(Id, BoxCount).Select(box => GrainFactory.GetGrain<IBallotBoxGrain>(box.GrainKey));

    public override Task OnActivateAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    /// <summary>Takes the election from its state, and counts the voters of its roll imports, in all and per envelope.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        (_definition, _imports, _voters, _voterIds, _count) = (null, 0, 0, null, null);
        _importTrail.Clear();
        _envelopeVoters.Clear();
        if (state.State.Definition is not { } bytes) return;
        _definition = VotingJson.ReadDefinition(bytes);
        _count = new CoalescedCount(_definition, counter);
        await foreach (var key in documents.ListKeysAsync(StoreNames.RollImports, RollImport.Prefix(Id), cancellationToken))
        {
            var import = RollImport.Read((await documents.ReadAsync(StoreNames.RollImports, key, cancellationToken))!.Data);
            _voters += import.Voters;
            _imports = Math.Max(_imports, RollImport.NumberOf(key));
            if (import.Trail is { } entry) _importTrail.Add(entry);
            AddEnvelopeVoters(import.Envelopes ?? await CountEnvelopeVotersAsync(import, RollImport.NumberOf(key), cancellationToken));
        }
    }

    private void AddEnvelopeVoters(IReadOnlyDictionary<string, int> envelopeVoters)
    {
        foreach (var (envelope, voters) in envelopeVoters) _envelopeVoters[envelope] = _envelopeVoters.GetValueOrDefault(envelope) + voters;
    }

    /// <summary>The voters per envelope of an import written before imports kept them, from its shards.</summary>
    private async Task<IReadOnlyDictionary<string, int>> CountEnvelopeVotersAsync(RollImport import, int number, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int box = 0; box < BoxCount; box++)
        {
            if (await documents.ReadAsync(StoreNames.RollShards, import.ShardKey(Id, number, box), cancellationToken) is not { } shard) continue;
            foreach (var (_, envelopes) in RollShard.Read(shard.Data))
                foreach (var envelope in envelopes) counts[envelope] = counts.GetValueOrDefault(envelope) + 1;
        }
        return counts;
    }

    private ElectionInfo Info => new(_definition!, Status, _voters, BoxCount, new Dictionary<string, long>(_envelopeVoters, StringComparer.Ordinal));

    public Task<ElectionInfo?> Get() => Task.FromResult(_definition is null ? null : Info);

    public Task<byte[]?> StoredDefinition() => Task.FromResult(state.State.Definition);

    /// <summary>The creation and changes of status, and the imports between them, by time (each list is in order already).</summary>
    public Task<IReadOnlyList<TrailEntry>?> Trail() =>
        Task.FromResult<IReadOnlyList<TrailEntry>?>(_definition is null ? null : state.State.Trail.Concat(_importTrail).OrderBy(e => e.At).ToArray());

    public async Task<Outcome<ElectionInfo>> Create(ElectionDefinition definition, Actor actor)
    {
        if (definition is null) return Outcome<ElectionInfo>.Fail(Failure.Invalid, "the definition is missing");
        if (_definition is not null) return Outcome<ElectionInfo>.Fail(Failure.AlreadyExists, $"election '{Id}' already exists");
        var errors = DefinitionErrors.Of(definition);
        if (errors.Count > 0) return Outcome<ElectionInfo>.Fail(Failure.Invalid, "invalid definition", errors);
        if (definition.Id != Id) return Outcome<ElectionInfo>.Fail(Failure.Invalid, $"id: '{definition.Id}' is not this election's id '{Id}'");

        state.State = new ElectionState
        {
            Definition = VotingJson.DefinitionBytes(definition),
            Status = ElectionStatus.Draft,
            BallotBoxes = definition.BallotBoxes ?? options.Value.BallotBoxes,
            Trail = [actor.Did(TrailAction.Create, clock.GetUtcNow())],
        };
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            await state.ReadStateAsync(); // another activation created it
            await LoadAsync();
            return Outcome<ElectionInfo>.Fail(Failure.AlreadyExists, $"election '{Id}' already exists");
        }
        _definition = definition;
        _count = new CoalescedCount(definition, counter);
        await GrainFactory.GetGrain<IElectionDirectoryGrain>(0).Add(Id);
        logger.LogInformation("Election {Election} created with {Boxes} ballot boxes", Id, BoxCount);
        return Outcome<ElectionInfo>.Ok(Info);
    }

    public async Task<Outcome<IReadOnlyDictionary<string, string>>> ImportVoters(IReadOnlyList<VoterImport> voters, Actor actor)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (_definition is null) return Outcome<IReadOnlyDictionary<string, string>>.Fail(Failure.NotFound, $"unknown election '{Id}'");
            if (Status == ElectionStatus.Closed)
                return Outcome<IReadOnlyDictionary<string, string>>.Fail(Failure.Closed, $"the vote on '{Id}' is closed: no more voters");
            _voterIds ??= await ReadVoterIdsAsync();
            var prepared = RollImportPlan.Prepare(_definition, BoxCount, voters, _voterIds);
            if (!prepared.Succeeded) return Outcome<IReadOnlyDictionary<string, string>>.Fail(prepared.Failure, prepared.Error!);
            var plan = prepared.Value!;
            int number = _imports + 1;
            var import = new RollImport(Guid.NewGuid().ToString("N"), plan.Codes.Count, plan.EnvelopeVoters, actor.Did(TrailAction.Import, clock.GetUtcNow(), voters: plan.Codes.Count));
            for (int box = 0; box < plan.Shards.Count; box++)
                await documents.WriteAsync(StoreNames.RollShards, import.ShardKey(Id, number, box), RollShard.Write(plan.Shards[box]), expectedETag: null);
            await documents.WriteAsync(StoreNames.RollVoters, import.VoterIdsKey(Id, number), VoterIdBytes(plan.VoterIds), expectedETag: null);
            try
            {
                await documents.WriteAsync(StoreNames.RollImports, RollImport.Key(Id, number), import.ToBytes(), expectedETag: null);
            }
            catch (ConcurrencyConflictException) when (attempt < 2)
            {
                await LoadAsync(); // another activation imported voters: see them, then check again
                continue;
            }
            _imports = number;
            _voters += import.Voters;
            _importTrail.Add(import.Trail!);
            AddEnvelopeVoters(plan.EnvelopeVoters);
            _voterIds.UnionWith(plan.VoterIds);
            await Task.WhenAll(Boxes.Select(box => box.LoadRoll()));
            logger.LogInformation("Election {Election}: {Count} voters imported", Id, import.Voters);
            return Outcome<IReadOnlyDictionary<string, string>>.Ok(plan.Codes);
        }
    }

    private async Task<HashSet<UInt128>> ReadVoterIdsAsync()
    {
        var ids = new HashSet<UInt128>();
        await foreach (var key in documents.ListKeysAsync(StoreNames.RollImports, RollImport.Prefix(Id)))
        {
            var import = RollImport.Read((await documents.ReadAsync(StoreNames.RollImports, key))!.Data);
            var stored = await documents.ReadAsync(StoreNames.RollVoters, import.VoterIdsKey(Id, RollImport.NumberOf(key)))
                ?? throw new InvalidDataException($"election '{Id}': import {key} has no voter ids");
            for (int at = 0; at + 16 <= stored.Data.Length; at += 16) ids.Add(BinaryPrimitives.ReadUInt128BigEndian(stored.Data.AsSpan(at)));
        }
        return ids;
    }

    private static byte[] VoterIdBytes(IReadOnlyList<UInt128> ids)
    {
        var bytes = new byte[ids.Count * 16];
        for (int i = 0; i < ids.Count; i++) BinaryPrimitives.WriteUInt128BigEndian(bytes.AsSpan(i * 16), ids[i]);
        return bytes;
    }

    public async Task<Outcome<ElectionInfo>> Open(Actor actor)
    {
        if (_definition is null) return Outcome<ElectionInfo>.Fail(Failure.NotFound, $"unknown election '{Id}'");
        if (Status != ElectionStatus.Draft)
            return Outcome<ElectionInfo>.Fail(Status == ElectionStatus.Closed ? Failure.Closed : Failure.NotOpen,
                $"election '{Id}' is already {Describe(Status)}: only a draft opens");
        await WriteStatusAsync(ElectionStatus.Open, actor.Did(TrailAction.Open, clock.GetUtcNow()));
        await Task.WhenAll(Boxes.Select(box => box.Open()));
        logger.LogInformation("Election {Election} opened", Id);
        return Outcome<ElectionInfo>.Ok(Info);
    }

    public async Task<Outcome<ElectionInfo>> Close(Actor actor)
    {
        if (_definition is null) return Outcome<ElectionInfo>.Fail(Failure.NotFound, $"unknown election '{Id}'");
        if (Status == ElectionStatus.Draft) return Outcome<ElectionInfo>.Fail(Failure.NotOpen, $"the vote on '{Id}' is not open: nothing to close");
        if (Status == ElectionStatus.Closed) return Outcome<ElectionInfo>.Fail(Failure.Closed, $"the vote on '{Id}' is already closed");

        // Every box stops taking casts and makes the ones it took durable; then the status says closed, and the
        // boxes are sealed once more, in case one was reactivated from the stored status in between. Then the live
        // results publish the final count.
        await Task.WhenAll(Boxes.Select(box => box.Seal()));
        await WriteStatusAsync(ElectionStatus.Closed, actor.Did(TrailAction.Close, clock.GetUtcNow()));
        await Task.WhenAll(Boxes.Select(box => box.Seal()));
        await GrainFactory.GetGrain<IResultsFeedGrain>(Id).Closed();
        logger.LogInformation("Election {Election} closed", Id);
        return Outcome<ElectionInfo>.Ok(Info);
    }

    public async Task<ElectionResults?> Results()
    {
        if (_definition is null || Status == ElectionStatus.Draft) return null;
        var tallies = await Task.WhenAll(Boxes.Select(box => box.Tallies()));
        return await _count!.CountAsync(TallySnapshot.Sum(tallies));
    }

    public async Task<Outcome<ReceiptStatus>> Receipt(string receipt)
    {
        if (_definition is null) return Outcome<ReceiptStatus>.Fail(Failure.NotFound, $"unknown election '{Id}'");
        if (Status == ElectionStatus.Draft || BallotBox.OfReceipt(Id, receipt, BoxCount) is not { } box)
            return Outcome<ReceiptStatus>.Fail(Failure.NotFound, "unknown receipt");
        return await GrainFactory.GetGrain<IBallotBoxGrain>(box.GrainKey).Receipt(receipt);
    }

    /// <summary>Writes the new status with its entry in the trail.</summary>
    private async Task WriteStatusAsync(ElectionStatus status, TrailEntry entry)
    {
        var before = Status;
        state.State.Status = status;
        state.State.Trail.Add(entry);
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            state.State.Status = before;
            state.State.Trail.RemoveAt(state.State.Trail.Count - 1);
            await state.ReadStateAsync(); // another activation changed it: take the stored state, and let the caller try again
            await LoadAsync();
            throw;
        }
    }

    private static string Describe(ElectionStatus status) => status.ToString().ToLowerInvariant();
}
