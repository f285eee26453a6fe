using Voting.Core.Results;
using Voting.Grains.Contracts;

namespace Voting.Grains.Ballots;

/// <summary>
/// An election's durable ballot log (keyed by election id) and the tallies projected from it. Only the election
/// grain calls it, with ballots it has checked.
/// </summary>
public interface IBallotLogGrain : IGrainWithStringKey
{
    /// <summary>Appends the ballot with the next ones (group commit); completes once it is durable.</summary>
    Task<Outcome<CastReceipt>> Append(BallotSubmission ballot);

    /// <summary>The tallies of every ballot acknowledged so far, for counting elsewhere.</summary>
    Task<TallySnapshot> Tallies();

    Task<Outcome<ReceiptStatus>> Receipt(string receipt);

    /// <summary>After the vote closed: checkpoints the tallies and publishes the final ones.</summary>
    Task Settle();
}
