using Voting.Core.Results;

namespace Voting.Grains.Interfaces;

/// <summary>
/// Publishes an election's results snapshots to subscribed observers: while the vote is open, a snapshot only once
/// enough ballots were cast since the one before (<c>Voting:LiveResults:MinBallots</c>), at most a few times a second;
/// once it is closed, the final count.
/// </summary>
public interface IResultsGrain : IGrainWithStringKey
{
    Task Subscribe(IResultsObserver observer);

    Task Unsubscribe(IResultsObserver observer);

    /// <summary>The last snapshot published, never a fresher one; null when the grain has none to give (see its remarks).</summary>
    Task<ElectionResults?> Latest();
}
