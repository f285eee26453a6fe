using Voting.Core.Elections;
using Voting.Core.Results;
using Voting.Grains.Contracts;

namespace Voting.Grains.Interfaces;

/// <summary>One election, keyed by its id: definition, lifecycle, voter roll, ballots, results.</summary>
public interface IElectionGrain : IGrainWithStringKey
{
    Task<Outcome<ElectionInfo>> Create(ElectionDefinition definition);

    Task<ElectionInfo?> Get();

    /// <summary>
    /// The definition's bytes exactly as stored when the election was created (null for an unknown election): their
    /// SHA-256 is the genesis of the ballot log's hash chain, and they are the record's <c>definition.json</c>.
    /// </summary>
    Task<byte[]?> StoredDefinition();

    /// <summary>Adds voters to the roll and returns each one's invitation code, once; only the codes' hashes are stored.</summary>
    Task<Outcome<IReadOnlyDictionary<string, string>>> ImportVoters(IReadOnlyList<VoterImport> voters);

    Task<Outcome<ElectionInfo>> Open();

    Task<Outcome<ElectionInfo>> Close();

    /// <summary>Casts or replaces the ballot of the voter holding <paramref name="invitationCode"/>; completes once the ballot is durable.</summary>
    Task<Outcome<CastReceipt>> Cast(string invitationCode, IReadOnlyDictionary<string, int> grades);

    /// <summary>The latest results snapshot (null before any count).</summary>
    Task<ElectionResults?> Results();

    Task<Outcome<ReceiptStatus>> Receipt(string receipt);
}
