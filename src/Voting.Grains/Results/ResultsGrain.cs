using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Utilities;
using Voting.Core.Results;
using Voting.Grains.Boxes;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;
using Voting.Grains.Telemetry;

namespace Voting.Grains.Results;

/// <summary>
/// Adds up the tallies an election's ballot boxes push (each at most every <see cref="VotingGrainOptions.ResultsInterval"/>)
/// and publishes their count to the subscribed observers (one per web node). While the vote is open, a count is
/// published only once at least <see cref="LiveResultsOptions.MinBallots"/> ballots were cast since the last one
/// published, so that no one watching can tie a change to the resident who just voted; once the vote is closed, the
/// final count is published, however few ballots it adds. The count runs outside this grain's turns, newest tallies
/// first. Subscriptions expire after <see cref="SubscriptionLifetime"/>: an observer subscribes again before that.
/// </summary>
/// <remarks>
/// An activation starts from the boxes' tallies as they stand and cannot know what an earlier activation published: it
/// takes every ballot cast so far as published, so that the next snapshot is at least as far from any one seen before.
/// Until that one, it has no snapshot to give (<see cref="Latest"/> is null), unless no ballot was cast yet or the vote is closed.
/// </remarks>
[Reentrant]
public sealed class ResultsGrain(IElectionCounter counter, IOptions<VotingGrainOptions> options, VotingMetrics metrics, ILogger<ResultsGrain> logger)
    : Grain, IResultsGrain, IResultsFeedGrain
{
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(5);

    private readonly ObserverManager<IResultsObserver> _observers = new(SubscriptionLifetime, logger);
    private readonly int _minBallots = options.Value.LiveResults.MinBallots;
    private CoalescedCount? _count;
    private IBallotBoxGrain[] _boxGrains = [];
    private TallySnapshot[] _boxes = [];
    /// <summary>The ballots cast that the last tallies cleared for publication reflect.</summary>
    private long _cleared;
    private bool _closed;
    private ElectionResults? _latest;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await GrainFactory.GetGrain<IElectionGrain>(Id).Get() is not { } info) return; // an unknown election: nothing to publish
        _count = new CoalescedCount(info.Definition, counter);
        _boxGrains = BallotBox.All(Id, info.BallotBoxes).Select(box => GrainFactory.GetGrain<IBallotBoxGrain>(box.GrainKey)).ToArray();
        _boxes = await Task.WhenAll(_boxGrains.Select(box => box.Tallies()));
        var current = TallySnapshot.Sum(_boxes);
        _cleared = current.Casts;
        _closed = info.Status == ElectionStatus.Closed;
        if (current.Casts == 0 || _closed) _latest = await _count.CountAsync(current);
    }

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

    public Task<ElectionResults?> Latest() => Task.FromResult(_latest);

    public Task Publish(int box, TallySnapshot tallies)
    {
        if (_count is null || !Take(box, tallies)) return Task.CompletedTask;
        var sum = TallySnapshot.Sum(_boxes);
        return _closed || sum.Casts - _cleared >= _minBallots ? PublishAsync(sum) : Task.CompletedTask;
    }

    public async Task Closed()
    {
        if (_count is null) return;
        _closed = true;
        try
        {
            var final = await Task.WhenAll(_boxGrains.Select(box => box.Tallies()));
            for (int box = 0; box < final.Length; box++) Take(box, final[box]);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Election {Election}: the boxes' final tallies could not be read", Id);
            return;
        }
        await PublishAsync(TallySnapshot.Sum(_boxes));
    }

    /// <summary>Keeps a box's tallies, unless the ones kept are as new.</summary>
    private bool Take(int box, TallySnapshot tallies)
    {
        if (tallies.Version <= _boxes[box].Version) return false;
        _boxes[box] = tallies;
        return true;
    }

    /// <summary>Counts tallies cleared for publication and publishes the count, unless a newer one was published meanwhile.</summary>
    private async Task PublishAsync(TallySnapshot tallies)
    {
        _cleared = Math.Max(_cleared, tallies.Casts);
        var clearedAt = Stopwatch.GetTimestamp();
        try
        {
            var results = await _count!.CountAsync(tallies);
            if (_latest is not null && results.Version <= _latest.Version) return;
            _latest = results;
            _observers.Notify(o => o.OnResults(results));
            metrics.Published(clearedAt);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Election {Election}: counting the tallies at version {Version} failed", Id, tallies.Version);
        }
    }
}
