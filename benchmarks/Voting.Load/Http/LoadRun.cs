using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Voting.Load.Ballots;
using Voting.Testing;

namespace Voting.Load.Http;

/// <summary>
/// Casts ballots over HTTP from a fixed number of connections, bounded by a count and a duration, flat out or at a
/// target rate, and records each acknowledgement (and each cast left without one) in a ledger, the latency of every request and the errors by kind.
/// Each connection casts for voters of its own (<see cref="BallotLedger.VoterOf"/>), so one voter's casts never overlap,
/// as the ledger requires; the ballots after the first V are revisions.
/// </summary>
public sealed class LoadRun(CastTarget target, IReadOnlyList<string> codes, int connections, BallotLedger? ledger)
{
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Errors => _errors;

    public async Task<LoadReport> RunAsync(int ballots, TimeSpan duration, double rate, int seed)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new LatencyRecorder(ballots);
        int next = -1, acknowledged = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(async worker =>
        {
            var random = new Random(seed + worker);
            int i, cast = 0;
            while ((i = Interlocked.Increment(ref next)) < ballots && clock.Elapsed < duration)
            {
                if (rate > 0 && TimeSpan.FromSeconds(i / rate) - clock.Elapsed is { Ticks: > 0 } wait) await Task.Delay(wait);
                var voter = BallotLedger.VoterOf(worker, connections, codes.Count, cast++);
                var node = target.Nodes[i % target.Nodes.Count];
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node, target.BallotPath))
                {
                    Content = new ByteArrayContent(BallotBody(random, voter)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", codes[voter]);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(request);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    latencies.Record(Stopwatch.GetElapsedTime(started));
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        Interlocked.Increment(ref acknowledged);
                        var (receipt, revision) = Acknowledgement.Parse(body);
                        ledger?.Acknowledge(VoterId(voter), receipt, revision);
                    }
                    else Failed(voter, $"HTTP {(int)response.StatusCode}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    latencies.Record(Stopwatch.GetElapsedTime(started));
                    Failed(voter, e.GetType().Name);
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        clock.Stop();
        var sent = Math.Min(next, ballots);
        return new LoadReport(sent, acknowledged, clock.Elapsed, latencies.Percentile(0.50), latencies.Percentile(0.95), latencies.Percentile(0.99));
    }

    /// <summary>A cast without acknowledgement: counted by kind, and in the ledger as one whose fate is unknown.</summary>
    private void Failed(int voter, string kind)
    {
        _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
        ledger?.Unacknowledged(VoterId(voter));
    }

    /// <summary>The voter's id on the roll the load imports.</summary>
    public static string VoterId(int voter) => string.Create(CultureInfo.InvariantCulture, $"v{voter}");

    private static readonly string[] City = [.. Enumerable.Range(1, 8).Select(i => $"city-{i}")];

    /// <summary>6 city-wide projects and the 4 of the voter's district, as the grains' load does.</summary>
    public static byte[] BallotBody(Random random, int voter)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("grades");
            foreach (var project in City.OrderBy(_ => random.Next()).Take(6)) json.WriteNumber(project, random.Next(5));
            for (int p = 1; p <= 4; p++) json.WriteNumber(string.Create(CultureInfo.InvariantCulture, $"d{voter % 4 + 1}-{p}"), random.Next(5));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}

/// <summary>What a run did: requests sent, acknowledged (201), wall time, latency percentiles in ms.</summary>
public sealed record LoadReport(int Sent, int Acknowledged, TimeSpan Elapsed, double P50, double P95, double P99)
{
    public double PerSecond => Acknowledged / Elapsed.TotalSeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Acknowledged} acknowledged of {Sent} in {Elapsed.TotalSeconds:F2} s: {PerSecond:F0} ballots/s; latency p50 {P50:F1} ms, p95 {P95:F1} ms, p99 {P99:F1} ms");
}
