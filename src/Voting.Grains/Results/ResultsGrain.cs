using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Utilities;
using Voting.Core.Results;
using Voting.Grains.Interfaces;

namespace Voting.Grains.Results;

/// <summary>
/// Adds up and counts the tallies an election's ballot boxes push (each at most a few times a second, so each count
/// reflects a batch of ballots, not one resident's) and fans the results out to the subscribed observers (one per web node). The
/// count runs outside this grain's turns, newest tallies first. Subscriptions expire after
/// <see cref="SubscriptionLifetime"/>: an observer subscribes again before that.
/// </summary>
[Reentrant]
public sealed class ResultsGrain(IElectionCounter counter, ILogger<ResultsGrain> logger) : Grain, IResultsGrain, IResultsFeedGrain
{
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(5);

    private readonly ObserverManager<IResultsObserver> _observers = new(SubscriptionLifetime, logger);
    private CoalescedCount? _count;
    private TallySnapshot[] _boxes = [];
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

    public async Task Publish(int box, TallySnapshot tallies)
    {
        try
        {
            if (_count is null)
            {
                var info = await GrainFactory.GetGrain<IElectionGrain>(this.GetPrimaryKeyString()).Get()
                    ?? throw new InvalidOperationException($"election '{this.GetPrimaryKeyString()}' has no definition");
                if (_count is null)
                {
                    _boxes = Enumerable.Repeat(TallySnapshot.Empty(info.Definition), info.BallotBoxes).ToArray();
                    _count = new CoalescedCount(info.Definition, counter);
                }
            }
            if (tallies.Version <= _boxes[box].Version) return;
            _boxes[box] = tallies;
            var results = await _count.CountAsync(TallySnapshot.Sum(_boxes));
            if (_latest is not null && results.Version <= _latest.Version) return;
            _latest = results;
            _observers.Notify(o => o.OnResults(results));
        }
        catch (Exception e)
        {
            logger.LogError(e, "Election {Election}: counting the tallies at version {Version} failed", this.GetPrimaryKeyString(), tallies.Version);
        }
    }
}
