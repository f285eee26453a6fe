using System.Diagnostics;
using Voting.Grains.Boxes;
using Voting.Grains.Contracts;

namespace Voting.Web;

/// <summary>
/// This node's casts to one ballot box: while a call to the box is in flight, the casts that arrive wait, and all go
/// together in the next call (<see cref="IBallotBoxGrain.CastAll"/>). The box commits in groups anyway (as many as an
/// append may carry), so a cast waits no longer, and many residents voting at once cost the cluster a few calls
/// instead of one each.
/// </summary>
internal sealed class CoalescedCasts(IBallotBoxGrain grain)
{
    private readonly Lock _lock = new();
    private readonly Queue<(BallotCast Cast, TaskCompletionSource<Outcome<CastReceipt>> Done)> _waiting = new();
    private bool _calling;

    public IBallotBoxGrain Grain => grain;

    /// <summary>Casts the ballot of the voter with this key, together with this node's other casts to the box; fails as the call that carried it failed.</summary>
    public Task<Outcome<CastReceipt>> Cast(string voterKey, IReadOnlyDictionary<string, int> grades)
    {
        var done = new TaskCompletionSource<Outcome<CastReceipt>>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_lock)
        {
            _waiting.Enqueue((new BallotCast(voterKey, grades), done));
            start = !_calling;
            _calling = true;
        }
        if (start) _ = CallAsync();
        return done.Task;
    }

    /// <summary>Calls the box with what waits, again and again, until nothing does.</summary>
    private async Task CallAsync()
    {
        Activity.Current = null; // the calls carry many residents' casts: not one request's trace
        while (true)
        {
            (BallotCast Cast, TaskCompletionSource<Outcome<CastReceipt>> Done)[] batch;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _calling = false;
                    return;
                }
                batch = [.. _waiting];
                _waiting.Clear();
            }
            try
            {
                var outcomes = await grain.CastAll([.. batch.Select(b => b.Cast)]);
                for (int i = 0; i < batch.Length; i++) batch[i].Done.TrySetResult(outcomes[i]);
            }
            catch (Exception e)
            {
                foreach (var (_, done) in batch) done.TrySetException(e);
            }
        }
    }
}
