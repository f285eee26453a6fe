using Voting.Core.Elections;
using Voting.Core.Results;
using Voting.Core.Trail;
using Orleans.Concurrency;
using Voting.Grains.Contracts;

namespace Voting.Grains.Interfaces;

/// <summary>
/// One election, keyed by its id: definition, lifecycle, voter roll, ballots, results. Each official action that
/// succeeds (create, import, open, close) is recorded in the election's audit trail with the <see cref="Actor"/> who
/// asked, at the time the grain performs it.
/// </summary>
public interface IElectionGrain : IGrainWithStringKey
{
    Task<Outcome<ElectionInfo>> Create(ElectionDefinition definition, Actor actor);

    /// <summary>Interleaves with everything: a read of what the grain holds.</summary>
    [AlwaysInterleave]
    Task<ElectionInfo?> Get();

    /// <summary>
    /// The definition's bytes exactly as stored when the election was created (null for an unknown election): their
    /// SHA-256 is the genesis of the ballot log's hash chain, and they are the record's <c>definition.json</c>.
    /// </summary>
    [AlwaysInterleave]
    Task<byte[]?> StoredDefinition();

    /// <summary>Adds voters to the roll and returns each one's invitation code, once; only the codes' hashes are stored.</summary>
    Task<Outcome<IReadOnlyDictionary<string, string>>> ImportVoters(IReadOnlyList<VoterImport> voters, Actor actor);

    Task<Outcome<ElectionInfo>> Open(Actor actor);

    Task<Outcome<ElectionInfo>> Close(Actor actor);

    /// <summary>The officials' actions on the election, in the order they were performed (null for an unknown election).</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<TrailEntry>?> Trail();

    /// <summary>The count of every ballot acknowledged so far, by every box (null while the election is a draft); interleaves, as a slow count may take a while.</summary>
    [AlwaysInterleave]
    Task<ElectionResults?> Results();

    [AlwaysInterleave]
    Task<Outcome<ReceiptStatus>> Receipt(string receipt);
}
