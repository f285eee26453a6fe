using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Voting.Core.Elections;
using Voting.Core.Json;
using Voting.Core.Results;
using Voting.Grains.Ballots;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;
using Voting.Grains.Results;
using Voting.Grains.Storage;

namespace Voting.Grains.Elections;

/// <summary>
/// One election: its definition (written once, by Create), its status, its voter roll, and the front door of its
/// ballots. Reentrant so that many casts wait on the ballot log together (group commit); the changes of state
/// (create, import, open, close) take turns behind one lock.
/// </summary>
[Reentrant]
public sealed class ElectionGrain(IDocumentStore documents, IElectionCounter counter, ILogger<ElectionGrain> logger) : Grain, IElectionGrain
{
    private readonly SemaphoreSlim _changes = new(1, 1);
    private ElectionDefinition? _definition;
    private byte[]? _definitionBytes;
    private BallotCheck? _check;
    private CoalescedCount? _count;
    private ElectionStatus _status;
    private string? _statusETag;
    private VoterRoll _roll = null!;
    private bool _closing;
    private int _casting;
    private TaskCompletionSource? _drained;

    private string Id => this.GetPrimaryKeyString();

    private IBallotLogGrain Log { get; set; } = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Log = GrainFactory.GetGrain<IBallotLogGrain>(Id);
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        _roll = new VoterRoll(Id);
        var definition = await documents.ReadAsync(StoreNames.Definitions, Id, cancellationToken);
        if (definition is null)
        {
            (_definition, _definitionBytes, _check, _status, _statusETag) = (null, null, null, ElectionStatus.Draft, null);
            return;
        }
        _definition = VotingJson.ReadDefinition(definition.Data);
        _definitionBytes = definition.Data;
        _check = new BallotCheck(_definition);
        _count = new CoalescedCount(_definition, counter);
        var status = await documents.ReadAsync(StoreNames.Elections, Id, cancellationToken);
        (_status, _statusETag) = status is null ? (ElectionStatus.Draft, null) : (ElectionDocument.Read(status.Data).Status, status.ETag);
        await _roll.LoadAsync(documents, cancellationToken);
    }

    private ElectionInfo Info => new(_definition!, _status, _roll.Count);

    public Task<ElectionInfo?> Get() => Task.FromResult(_definition is null ? null : Info);

    public Task<byte[]?> StoredDefinition() => Task.FromResult(_definitionBytes);

    public async Task<Outcome<ElectionInfo>> Create(ElectionDefinition definition)
    {
        await _changes.WaitAsync();
        try
        {
            if (definition is null) return Outcome<ElectionInfo>.Fail(Failure.Invalid, "the definition is missing");
            if (_definition is not null) return Outcome<ElectionInfo>.Fail(Failure.AlreadyExists, $"election '{Id}' already exists");
            var errors = DefinitionErrors.Of(definition);
            if (errors.Count > 0) return Outcome<ElectionInfo>.Fail(Failure.Invalid, "invalid definition: " + string.Join("; ", errors));
            if (definition.Id != Id) return Outcome<ElectionInfo>.Fail(Failure.Invalid, $"id: '{definition.Id}' is not this election's id '{Id}'");

            var bytes = VotingJson.DefinitionBytes(definition);
            try
            {
                await documents.WriteAsync(StoreNames.Definitions, Id, bytes, expectedETag: null);
            }
            catch (ConcurrencyConflictException)
            {
                await LoadAsync();
                return Outcome<ElectionInfo>.Fail(Failure.AlreadyExists, $"election '{Id}' already exists");
            }
            _definition = definition;
            _definitionBytes = bytes;
            _check = new BallotCheck(definition);
            _count = new CoalescedCount(definition, counter);
            await WriteStatusAsync(ElectionStatus.Draft);
            await GrainFactory.GetGrain<IElectionDirectoryGrain>(0).Add(Id);
            logger.LogInformation("Election {Election} created", Id);
            return Outcome<ElectionInfo>.Ok(Info);
        }
        finally
        {
            _changes.Release();
        }
    }

    public async Task<Outcome<IReadOnlyDictionary<string, string>>> ImportVoters(IReadOnlyList<VoterImport> voters)
    {
        await _changes.WaitAsync();
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                if (_definition is null) return Outcome<IReadOnlyDictionary<string, string>>.Fail(Failure.NotFound, $"unknown election '{Id}'");
                if (_status == ElectionStatus.Closed)
                    return Outcome<IReadOnlyDictionary<string, string>>.Fail(Failure.Closed, $"the vote on '{Id}' is closed: no more voters");
                var prepared = _roll.Prepare(_definition, voters);
                if (!prepared.Succeeded) return Outcome<IReadOnlyDictionary<string, string>>.Fail(prepared.Failure, prepared.Error!);
                var (import, codes) = prepared.Value;
                try
                {
                    await documents.WriteAsync(StoreNames.VoterRoll, _roll.KeyOf(_roll.Imports + 1), import.ToBytes(), expectedETag: null);
                }
                catch (ConcurrencyConflictException) when (attempt < 2)
                {
                    await LoadAsync(); // another activation imported voters: see them, then check again
                    continue;
                }
                _roll.Apply(import);
                logger.LogInformation("Election {Election}: {Count} voters imported", Id, codes.Count);
                return Outcome<IReadOnlyDictionary<string, string>>.Ok(codes);
            }
        }
        finally
        {
            _changes.Release();
        }
    }

    public async Task<Outcome<ElectionInfo>> Open()
    {
        await _changes.WaitAsync();
        try
        {
            if (_definition is null) return Outcome<ElectionInfo>.Fail(Failure.NotFound, $"unknown election '{Id}'");
            if (_status != ElectionStatus.Draft)
                return Outcome<ElectionInfo>.Fail(_status == ElectionStatus.Closed ? Failure.Closed : Failure.NotOpen,
                    $"election '{Id}' is already {Describe(_status)}: only a draft opens");
            await WriteStatusAsync(ElectionStatus.Open);
            logger.LogInformation("Election {Election} opened", Id);
            return Outcome<ElectionInfo>.Ok(Info);
        }
        finally
        {
            _changes.Release();
        }
    }

    public async Task<Outcome<ElectionInfo>> Close()
    {
        await _changes.WaitAsync();
        try
        {
            if (_definition is null) return Outcome<ElectionInfo>.Fail(Failure.NotFound, $"unknown election '{Id}'");
            if (_status == ElectionStatus.Draft) return Outcome<ElectionInfo>.Fail(Failure.NotOpen, $"the vote on '{Id}' is not open: nothing to close");
            if (_status == ElectionStatus.Closed) return Outcome<ElectionInfo>.Fail(Failure.Closed, $"the vote on '{Id}' is already closed");

            // From here on, casts are refused; the ones already on their way to the log finish first.
            _closing = true;
            try
            {
                if (_casting > 0)
                {
                    _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    await _drained.Task;
                }
                await WriteStatusAsync(ElectionStatus.Closed);
            }
            finally
            {
                _closing = false;
            }
            await Log.Settle();
            logger.LogInformation("Election {Election} closed", Id);
            return Outcome<ElectionInfo>.Ok(Info);
        }
        finally
        {
            _changes.Release();
        }
    }

    public async Task<Outcome<CastReceipt>> Cast(string invitationCode, IReadOnlyDictionary<string, int> grades)
    {
        if (_definition is null) return Outcome<CastReceipt>.Fail(Failure.NotFound, $"unknown election '{Id}'");
        if (_status == ElectionStatus.Draft) return Outcome<CastReceipt>.Fail(Failure.NotOpen, $"the vote on '{Id}' is not open yet");
        if (_status == ElectionStatus.Closed || _closing) return Outcome<CastReceipt>.Fail(Failure.Closed, $"the vote on '{Id}' is closed");
        var voterKey = InvitationCodes.Hash(invitationCode);
        var envelopes = voterKey is null ? null : _roll.EnvelopesOf(voterKey);
        if (envelopes is null) return Outcome<CastReceipt>.Fail(Failure.Unauthorized, "unknown invitation code");
        if (_check!.Check(grades, envelopes) is { } refusal) return Outcome<CastReceipt>.Fail(refusal.Failure, refusal.Error);

        _casting++;
        try
        {
            return await Log.Append(new BallotSubmission(voterKey!, grades));
        }
        finally
        {
            if (--_casting == 0) _drained?.TrySetResult();
        }
    }

    public async Task<ElectionResults?> Results() =>
        _definition is null || _status == ElectionStatus.Draft ? null : await _count!.CountAsync(await Log.Tallies());

    public async Task<Outcome<ReceiptStatus>> Receipt(string receipt)
    {
        if (_definition is null) return Outcome<ReceiptStatus>.Fail(Failure.NotFound, $"unknown election '{Id}'");
        if (_status == ElectionStatus.Draft) return Outcome<ReceiptStatus>.Fail(Failure.NotFound, "unknown receipt");
        return await Log.Receipt(receipt);
    }

    private async Task WriteStatusAsync(ElectionStatus status)
    {
        try
        {
            _statusETag = await documents.WriteAsync(StoreNames.Elections, Id, new ElectionDocument(status).ToBytes(), _statusETag);
            _status = status;
        }
        catch (ConcurrencyConflictException)
        {
            await LoadAsync(); // another activation changed it: take the stored state, and let the caller try again
            throw;
        }
    }

    private static string Describe(ElectionStatus status) => status.ToString().ToLowerInvariant();
}
