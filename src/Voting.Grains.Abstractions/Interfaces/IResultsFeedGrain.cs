using Orleans.Concurrency;
using Voting.Core.Results;

namespace Voting.Grains.Results;

/// <summary>The publishing side of <see cref="Interfaces.IResultsGrain"/> (same grain, same key): the ballot boxes push their tallies here.</summary>
public interface IResultsFeedGrain : IGrainWithStringKey
{
    [OneWay]
    Task Publish(int box, TallySnapshot tallies);
}
