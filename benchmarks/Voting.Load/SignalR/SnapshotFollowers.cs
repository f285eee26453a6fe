using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Voting.Load.SignalR;

/// <summary>
/// Officials' SignalR clients following one election's live results (WebSockets, the official token as bearer header),
/// each noting when it first receives a snapshot that counts at least the ballots awaited.
/// </summary>
public sealed class SnapshotFollowers : IAsyncDisposable
{
    private readonly List<HubConnection> _connections = [];
    private long[] _arrivals = [];
    private long _awaited = long.MaxValue;
    private int _pending;
    private int _closed;
    private TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count => _connections.Count;

    /// <summary>Clients whose connection closed (the server dropped them, or their keep-alive timed out).</summary>
    public int Closed => Volatile.Read(ref _closed);

    /// <summary>
    /// Connects <paramref name="count"/> more clients, <paramref name="parallel"/> at a time, each joining the election;
    /// awaits, from every client, a snapshot counting at least <paramref name="ballots"/> ballots (the one a client gets on joining).
    /// </summary>
    public async Task ConnectAsync(Uri hub, string token, string election, int count, int parallel, long ballots, CancellationToken cancellationToken)
    {
        var connections = new HubConnection[count];
        for (int i = 0; i < count; i++)
        {
            int client = _connections.Count + i;
            connections[i] = new HubConnectionBuilder()
                .WithUrl(hub, options =>
                {
                    options.Transports = HttpTransportType.WebSockets;
                    options.SkipNegotiation = true;
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                })
                .Build();
            connections[i].On<Snapshot>("results", snapshot => Arrived(client, snapshot.Ballots));
            connections[i].Closed += _ =>
            {
                Interlocked.Increment(ref _closed);
                return Task.CompletedTask;
            };
        }
        _connections.AddRange(connections);
        Await(ballots);
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (connection, cancel) =>
            {
                await connection.StartAsync(cancel);
                await connection.InvokeAsync("JoinElection", election, cancel);
            });
    }

    /// <summary>From now on, notes each client's first snapshot counting at least <paramref name="ballots"/> ballots.</summary>
    public void Await(long ballots)
    {
        _arrivals = new long[_connections.Count];
        _pending = _connections.Count;
        _allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _awaited, ballots);
    }

    /// <summary>When each client received the awaited snapshot (<see cref="Stopwatch"/> timestamps; 0 for none within <paramref name="timeout"/>).</summary>
    public async Task<long[]> ArrivalsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _allArrived.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
        Volatile.Write(ref _awaited, long.MaxValue);
        return _arrivals;
    }

    private void Arrived(int client, long ballots)
    {
        var now = Stopwatch.GetTimestamp();
        if (ballots < Volatile.Read(ref _awaited))
            return;
        var arrivals = _arrivals;
        if (client < arrivals.Length && Interlocked.CompareExchange(ref arrivals[client], now, 0) == 0 && Interlocked.Decrement(ref _pending) == 0)
            _allArrived.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_connections, new ParallelOptions { MaxDegreeOfParallelism = 64 }, (connection, _) => connection.DisposeAsync());
        _connections.Clear();
    }

    /// <summary>The part of a <c>results</c> message the clients read.</summary>
    private sealed record Snapshot(long Ballots);
}
