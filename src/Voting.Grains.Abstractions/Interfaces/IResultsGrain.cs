namespace Voting.Grains.Interfaces;

/// <summary>Publishes an election's results snapshots, at most a few times a second, to subscribed observers.</summary>
public interface IResultsGrain : IGrainWithStringKey
{
    Task Subscribe(IResultsObserver observer);

    Task Unsubscribe(IResultsObserver observer);
}
