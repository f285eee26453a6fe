using Voting.Core.Elections;
using Voting.Core.Results;

namespace Voting.Grains.Results;

/// <summary>
/// Counts an election's tallies on the thread pool, outside the turns of the grain that owns it, so that a slow
/// count delays results and nothing else. One count runs at a time; requests that arrive meanwhile wait for one
/// more count, of the newest tallies asked for; a request for tallies already counted gets that count.
/// Used from one grain's turns only.
/// </summary>
internal sealed class CoalescedCount(ElectionDefinition definition, IElectionCounter counter)
{
    private ElectionResults? _counted;
    private Task<ElectionResults>? _running;
    private long _runningVersion = -1;
    private TallySnapshot? _next;
    private TaskCompletionSource<ElectionResults>? _nextDone;

    /// <summary>The latest count finished, if any.</summary>
    public ElectionResults? Latest => _counted;

    /// <summary>A count of <paramref name="tallies"/>, or of newer tallies asked for meanwhile.</summary>
    public Task<ElectionResults> CountAsync(TallySnapshot tallies)
    {
        if (_counted is not null && _counted.Version >= tallies.Version) return Task.FromResult(_counted);
        if (_running is not null && _runningVersion >= tallies.Version) return _running;
        if (_running is null) return Start(tallies);
        if (_next is null || _next.Version < tallies.Version) _next = tallies;
        _nextDone ??= new TaskCompletionSource<ElectionResults>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _nextDone.Task;
    }

    private Task<ElectionResults> Start(TallySnapshot tallies)
    {
        _runningVersion = tallies.Version;
        return _running = RunAsync(tallies);
    }

    private async Task<ElectionResults> RunAsync(TallySnapshot tallies)
    {
        try
        {
            var results = await Task.Run(() => counter.Count(definition, tallies));
            if (_counted is null || results.Version > _counted.Version) _counted = results;
            return results;
        }
        finally
        {
            _running = null;
            if (_next is { } next && _nextDone is { } done)
            {
                (_next, _nextDone) = (null, null);
                _ = Forward(Start(next), done);
            }
        }
    }

    private static async Task Forward(Task<ElectionResults> count, TaskCompletionSource<ElectionResults> done)
    {
        try
        {
            done.TrySetResult(await count);
        }
        catch (Exception e)
        {
            done.TrySetException(e);
        }
    }
}
