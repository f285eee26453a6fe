using Orleans.Concurrency;
using Voting.Core.Results;

namespace Voting.Grains.Results;

/// <summary>
/// The publishing side of <see cref="Interfaces.IResultsGrain"/> (same grain, same key): the ballot boxes push their
/// tallies here, and the election says when its vote is closed.
/// </summary>
public interface IResultsFeedGrain : IGrainWithStringKey
{
    [OneWay]
    Task Publish(int box, TallySnapshot tallies);

    /// <summary>The vote is closed and every box sealed: the final count is published, however few ballots it adds.</summary>
    [OneWay]
    Task Closed();
}
