using Orleans.Concurrency;
using Voting.Core.Results;

namespace Voting.Grains.Results;

/// <summary>The publishing side of <see cref="Interfaces.IResultsGrain"/> (same grain, same key): the ballot log pushes its tallies here.</summary>
public interface IResultsFeedGrain : IGrainWithStringKey
{
    [OneWay]
    Task Publish(TallySnapshot tallies);
}
