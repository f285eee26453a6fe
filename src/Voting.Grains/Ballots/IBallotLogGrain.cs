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

    /// <summary>The count of every ballot acknowledged so far.</summary>
    Task<ElectionResults> Results();

    Task<Outcome<ReceiptStatus>> Receipt(string receipt);

    /// <summary>After the vote closed: checkpoints the tallies and publishes the final results.</summary>
    Task Settle();
}
