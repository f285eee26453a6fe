using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Voting.Core.Elections;
using Voting.Core.Grades;
using Voting.Core.Json;
using Voting.Load.Ballots;
using Voting.Testing;

namespace Voting.Load.SignalR;

/// <summary>
/// Live results to many followers: starts the real host (<c>Voting.Host</c>, its own process on loopback ports, so that
/// its memory is its own), connects <c>--clients</c> officials' SignalR clients to one open election, then casts
/// <c>--batches</c> batches of <c>--batch</c> ballots through the HTTP API (each batch publishable: at least
/// <c>--min-ballots</c>, the host's threshold). Per batch, the time from the acknowledgement of the ballot that completed
/// it to the arrival at each client of the snapshot that counts it: p50/p99 over all clients; and the host's working set
/// with the clients connected minus before, per client. With <c>--batch</c> above the threshold, ballots stream: the
/// snapshots published along the way may reach the clients before the batch's last acknowledgement (negative figures).
/// </summary>
public static class SignalRLoad
{
    public const string Usage =
        "signalr [--clients 5000] [--batches 10] [--min-ballots 10] [--batch <min-ballots>] [--concurrency <batch, at most 64>]\n" +
        "        [--connect-parallel 64] [--timeout 600 (seconds, the whole run)]";

    private static readonly string[] Projects = [.. Enumerable.Range(1, 8).Select(i => $"p{i}")];
    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!Arguments.TryRead(args, values =>
            {
                var minBallots = values.Int("min-ballots", 10);
                var batch = values.Int("batch", minBallots);
                var read = (Clients: values.Int("clients", 5000), Batches: values.Int("batches", 10), MinBallots: minBallots, Batch: batch,
                    Concurrency: values.Int("concurrency", Math.Min(batch, 64)), ConnectParallel: values.Int("connect-parallel", 64), Timeout: values.Int("timeout", 600));
                if (read.Clients < 1 || read.Batches < 1 || minBallots < 1 || batch < minBallots || read.Concurrency < 1 || read.ConnectParallel < 1 || read.Timeout < 1)
                    throw new ArgumentException("--clients, --batches, --min-ballots, --concurrency, --connect-parallel, --timeout are positive; --batch is at least --min-ballots");
                return read;
            }, Usage, out var options))
            return 2;
        var (clients, batches, minBallots, batch, concurrency, connectParallel, timeout) = options;

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(timeout));
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        await using var host = await HostProcess.Start(new Dictionary<string, string>
        {
            ["Voting:AdminToken"] = token,
            ["Voting:LoadSeeds"] = "false",
            ["Voting:RateLimiting:Enabled"] = "false",
            ["Voting:LiveResults:MinBallots"] = minBallots.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var hub = new Uri(host.BaseAddress, "/hubs/results");
        var id = "signalr-" + Guid.NewGuid().ToString("N")[..12];
        var codes = await PrepareAsync(http, token, id, (batches + 1) * batch, deadline.Token);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"host {host.BaseAddress} (pid {host.ProcessId}, {Environment.ProcessorCount} cores, shared with the clients{LoadAverage()}); {clients} clients, {batches} batches of {batch} ballots ({concurrency} concurrent), threshold {minBallots}"));

        // Warm-up: one client and one batch, so that the paths are compiled before the baseline.
        await using (var warm = new SnapshotFollowers())
        {
            await warm.ConnectAsync(hub, token, id, 1, 1, batch, deadline.Token);
            await CastAsync(http, id, codes[..batch], concurrency, deadline.Token);
            await warm.ArrivalsAsync(SnapshotTimeout, deadline.Token);
        }
        await Task.Delay(Settle, deadline.Token);
        long before = WorkingSet(host.ProcessId);

        await using var followers = new SnapshotFollowers();
        var connecting = Stopwatch.StartNew();
        await followers.ConnectAsync(hub, token, id, clients, connectParallel, batch, deadline.Token);
        var joined = (await followers.ArrivalsAsync(SnapshotTimeout, deadline.Token)).Count(t => t != 0);
        connecting.Stop();
        await Task.Delay(Settle, deadline.Token);
        long after = WorkingSet(host.ProcessId);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{clients} clients connected and joined in {connecting.Elapsed.TotalSeconds:F1} s ({joined} got the current snapshot on joining)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"host working set {before / 1e6:F0} MB before, {after / 1e6:F0} MB with {clients} clients: {(after - before) / 1024.0 / clients:F1} KiB per connection"));

        var all = new LatencyRecorder(clients * batches);
        int missed = 0;
        for (int b = 1; b <= batches; b++)
        {
            followers.Await((long)(b + 1) * batch);
            var acknowledged = await CastAsync(http, id, codes[(b * batch)..((b + 1) * batch)], concurrency, deadline.Token);
            var arrivals = await followers.ArrivalsAsync(SnapshotTimeout, deadline.Token);
            var latencies = new LatencyRecorder(clients);
            foreach (var arrival in arrivals.Where(t => t != 0))
            {
                var latency = Stopwatch.GetElapsedTime(acknowledged, arrival);
                latencies.Record(latency);
                all.Record(latency);
            }
            var received = arrivals.Count(t => t != 0);
            missed += clients - received;
            var (p50, p99, max) = latencies.Percentiles();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"snapshot {b} ({(b + 1) * batch} ballots): acknowledgement -> arrival first {latencies.Percentile(0):F0} ms, p50 {p50:F0} ms, p99 {p99:F0} ms, max {max:F0} ms; {received}/{clients} clients"));
        }
        var (allP50, allP99, allMax) = all.Percentiles();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"all {batches} snapshots x {clients} clients: acknowledgement of the batch's last ballot -> snapshot at the client p50 {allP50:F0} ms, p99 {allP99:F0} ms, max {allMax:F0} ms; {missed} not received within {SnapshotTimeout.TotalSeconds:F0} s; {followers.Closed} connections closed"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"host working set per connection: {(after - before) / 1024.0 / clients:F1} KiB"));
        return missed == 0 ? 0 : 1;
    }

    /// <summary>The machine's load average (Linux), since other work on the same cores weighs on the figures.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? ", load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";

    private static long WorkingSet(int processId)
    {
        using var process = Process.GetProcessById(processId);
        return process.WorkingSet64;
    }

    /// <summary>Creates and opens the election (one envelope of 8 projects) with <paramref name="voters"/> voters; their invitation codes.</summary>
    private static async Task<string[]> PrepareAsync(HttpClient http, string token, string id, int voters, CancellationToken cancellationToken)
    {
        var definition = new ElectionDefinition(id, LocalizedText.Plain("SignalR load"), ElectionKind.Budget, GradeScale.Paris.Labels,
            [new EnvelopeDefinition("city", Projects.Select((p, i) => new ProjectDefinition(p, LocalizedText.Plain(p), 100_000 * (i + 1))).ToArray(), 1_000_000, "greedy")]);
        await SendAsync(http, token, HttpMethod.Post, "/api/elections", JsonContent.Create(definition, options: VotingJson.Options), cancellationToken);
        var roll = new JsonObject
        {
            ["voters"] = new JsonArray([.. Enumerable.Range(0, voters).Select(v => (JsonNode)new JsonObject { ["id"] = $"voter-{v}" })]),
        };
        using var imported = await SendAsync(http, token, HttpMethod.Post, $"/api/elections/{id}/voters", JsonContent.Create(roll), cancellationToken);
        var codes = (await imported.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("codes");
        (await SendAsync(http, token, HttpMethod.Post, $"/api/elections/{id}/open", null, cancellationToken)).Dispose();
        return [.. Enumerable.Range(0, voters).Select(v => codes.GetProperty($"voter-{v}").GetString()!)];
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string bearer, HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return response;
    }

    /// <summary>Casts one ballot per code through the API; the timestamp of the last acknowledgement.</summary>
    private static async Task<long> CastAsync(HttpClient http, string id, string[] codes, int concurrency, CancellationToken cancellationToken)
    {
        long last = 0;
        await Parallel.ForEachAsync(codes.Select((code, i) => (code, i)), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (voter, cancel) =>
            {
                // Two projects of three graded, grades spread over the scale.
                var grades = Projects.Select((project, p) => (project, p)).Where(g => (voter.i + g.p) % 3 != 0)
                    .ToDictionary(g => g.project, g => (voter.i * 7 + g.p) % 5);
                using var response = await SendAsync(http, voter.code, HttpMethod.Post, $"/api/elections/{id}/ballots", JsonContent.Create(new { grades }), cancel);
                var acknowledged = Stopwatch.GetTimestamp();
                long seen;
                while ((seen = Interlocked.Read(ref last)) < acknowledged && Interlocked.CompareExchange(ref last, acknowledged, seen) != seen) { }
            });
        return last;
    }
}
