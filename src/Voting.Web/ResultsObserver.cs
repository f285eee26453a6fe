using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voting.Core.Results;
using Voting.Grains.Interfaces;

namespace Voting.Web;

/// <summary>
/// This web node's one results observer: subscribed to the results grain of every election a client of this node
/// follows, renewed periodically (observer subscriptions expire), forwarding each snapshot to the SignalR group.
/// Notifications may arrive out of order: a snapshot older than one already forwarded is dropped.
/// </summary>
public sealed partial class ResultsObserver(
    IGrainFactory grains,
    IHubContext<ResultsHub> hub,
    IOptions<VotingWebOptions> options,
    ILogger<ResultsObserver> logger) : BackgroundService, IResultsObserver
{
    private readonly ConcurrentDictionary<string, byte> _elections = new(StringComparer.Ordinal);
    /// <summary>Per election, the version of the newest snapshot forwarded.</summary>
    private readonly ConcurrentDictionary<string, long> _forwarded = new(StringComparer.Ordinal);
    /// <summary>Per election, the in-process watchers of its snapshots.</summary>
    private readonly ConcurrentDictionary<string, ImmutableArray<Action<ElectionResults>>> _watchers = new(StringComparer.Ordinal);
    private readonly Lock _referenceLock = new();
    private IResultsObserver? _reference;

    public void OnResults(ElectionResults results)
    {
        if (!IsNewest(results)) return;
        var send = hub.Clients.Group(ResultsHub.Group(results.Election)).SendAsync(ResultsHub.ResultsMessage, results);
        if (!send.IsCompletedSuccessfully)
            _ = send.ContinueWith(t => LogSendFailed(logger, results.Election, t.Exception), TaskContinuationOptions.OnlyOnFaulted);
        foreach (var watcher in _watchers.GetValueOrDefault(results.Election, []))
        {
            try
            {
                watcher(results);
            }
            catch (Exception e)
            {
                LogWatcherFailed(logger, results.Election, e);
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="onResults"/> with each snapshot of the election that this node forwards from now on (only
    /// published ones, as the hub's clients get them), until the returned subscription is disposed. It is called in the
    /// execution context it was given from (a circuit's culture, for one), not in the grain callback's.
    /// </summary>
    public async Task<IDisposable> Watch(string electionId, Action<ElectionResults> onResults)
    {
        if (ExecutionContext.Capture() is { } context)
        {
            var given = onResults;
            onResults = results => ExecutionContext.Run(context, _ => given(results), null);
        }
        _watchers.AddOrUpdate(electionId, _ => [onResults], (_, watchers) => watchers.Add(onResults));
        var watch = new Unwatch(() => _watchers.AddOrUpdate(electionId, _ => [], (_, watchers) => watchers.Remove(onResults)));
        try
        {
            await Track(electionId);
        }
        catch
        {
            watch.Dispose();
            throw;
        }
        return watch;
    }

    private sealed class Unwatch(Action remove) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) remove();
        }
    }

    /// <summary>Whether the snapshot is newer than any forwarded before, taking its place if so.</summary>
    private bool IsNewest(ElectionResults results)
    {
        while (true)
        {
            if (!_forwarded.TryGetValue(results.Election, out var forwarded))
            {
                if (_forwarded.TryAdd(results.Election, results.Version)) return true;
            }
            else if (results.Version <= forwarded) return false;
            else if (_forwarded.TryUpdate(results.Election, results.Version, forwarded)) return true;
        }
    }

    /// <summary>Follows an election's results from now on (idempotent).</summary>
    public async Task Track(string electionId)
    {
        if (_elections.TryAdd(electionId, 0))
        {
            try
            {
                await Subscribe(electionId);
            }
            catch
            {
                _elections.TryRemove(electionId, out _);
                throw;
            }
        }
    }

    private IResultsObserver Reference()
    {
        lock (_referenceLock)
            return _reference ??= grains.CreateObjectReference<IResultsObserver>(this);
    }

    private Task Subscribe(string electionId) => grains.GetGrain<IResultsGrain>(electionId).Subscribe(Reference());

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.ObserverRefreshSeconds)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var electionId in _elections.Keys)
                {
                    try
                    {
                        await Subscribe(electionId);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogResubscribeFailed(logger, electionId, e);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        IResultsObserver? reference;
        lock (_referenceLock)
            reference = _reference;
        if (reference is null)
            return;
        foreach (var electionId in _elections.Keys)
        {
            try
            {
                await grains.GetGrain<IResultsGrain>(electionId).Unsubscribe(reference).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception e)
            {
                LogUnsubscribeFailed(logger, electionId, e);
            }
        }
        try
        {
            grains.DeleteObjectReference<IResultsObserver>(reference);
        }
        catch (Exception e)
        {
            LogUnsubscribeFailed(logger, "*", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the results of {Election} to its SignalR group")]
    private static partial void LogSendFailed(ILogger logger, string election, Exception? exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A watcher of the results of {Election} failed")]
    private static partial void LogWatcherFailed(ILogger logger, string election, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the results subscription of {Election}")]
    private static partial void LogResubscribeFailed(ILogger logger, string election, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not end the results subscription of {Election} on shutdown")]
    private static partial void LogUnsubscribeFailed(ILogger logger, string election, Exception exception);
}
