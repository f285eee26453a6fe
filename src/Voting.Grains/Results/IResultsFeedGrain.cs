using Orleans.Concurrency;
using Voting.Core.Results;

namespace Voting.Grains.Results;

/// <summary>The publishing side of <see cref="Interfaces.IResultsGrain"/> (same grain, same key): the ballot log pushes snapshots here.</summary>
public interface IResultsFeedGrain : IGrainWithStringKey
{
    [OneWay]
    Task Publish(ElectionResults results);
}
