using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using Voting.Core.Results;
using Voting.Grains.Interfaces;

namespace Voting.Grains.Results;

/// <summary>
/// Fans an election's results snapshots out to the subscribed observers (one per web node). The ballot log
/// publishes at most a few snapshots a second, so each one reflects a batch of ballots, not one resident's.
/// Subscriptions expire after <see cref="SubscriptionLifetime"/>: an observer subscribes again before that.
/// </summary>
public sealed class ResultsGrain(ILogger<ResultsGrain> logger) : Grain, IResultsGrain, IResultsFeedGrain
{
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(5);

    private readonly ObserverManager<IResultsObserver> _observers = new(SubscriptionLifetime, logger);
    private ElectionResults? _latest;

    public Task Subscribe(IResultsObserver observer)
    {
        _observers.Subscribe(observer, observer);
        if (_latest is not null) observer.OnResults(_latest);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IResultsObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task Publish(ElectionResults results)
    {
        if (_latest is not null && results.Version < _latest.Version) return Task.CompletedTask;
        _latest = results;
        _observers.Notify(o => o.OnResults(results));
        return Task.CompletedTask;
    }
}
