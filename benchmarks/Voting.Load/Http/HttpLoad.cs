using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Voting.Core.Record;
using Voting.Testing;

namespace Voting.Load.Http;

/// <summary>
/// Ballots per second over HTTP, as residents' phones send them: starts the real host (one node on its embedded SQLite,
/// or three clustered by redis-server on Azurite's storage), registers the voters, casts and revises ballots through
/// every node from a fixed number of connections, keeps a ledger of every acknowledgement and checks it against the
/// election record downloaded at the end. Then loads a bare Kestrel endpoint that only parses the same JSON, in the
/// same run, and prints the ratio.
/// </summary>
public static class HttpLoad
{
    private const string Token = "http-load-official-token";

    public static async Task<int> RunAsync(string[] args)
    {
        if (!Arguments.TryRead(args, HttpLoadOptions.Parse, HttpLoadOptions.Usage, out var options))
            return 2;

        await using var cluster = await NodeSet.StartAsync(options.Nodes, Token);
        Console.WriteLine($"{options.Nodes} node(s) ({cluster.Describe}), {options.Connections} connections, {options.Voters} voters, {options.Boxes} ballot box(es), "
            + $"at most {options.Ballots} ballots or {options.Duration.TotalSeconds:F0} s, {(options.Rate > 0 ? $"{options.Rate:F0} ballots/s" : "flat out")}");

        using var official = new HttpClient { BaseAddress = cluster.Nodes[0], Timeout = TimeSpan.FromMinutes(5) };
        official.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var warm = await OpenElectionAsync(official, "warmup", Math.Max(options.Connections, Math.Min(options.Warmup, options.Voters)), options.Boxes);
        var id = "http-load-" + Guid.NewGuid().ToString("N")[..12];
        var codes = await OpenElectionAsync(official, id, options.Voters, options.Boxes);

        if (options.Warmup > 0)
            await new LoadRun(new CastTarget(cluster.Nodes, "/api/elections/warmup/ballots"), warm, options.Connections, null)
                .RunAsync(options.Warmup, options.Duration, 0, seed: 1);

        var ledger = new BallotLedger();
        var run = new LoadRun(new CastTarget(cluster.Nodes, $"/api/elections/{id}/ballots"), codes, options.Connections, ledger);
        var engine = await run.RunAsync(options.Ballots, options.Duration, options.Rate, seed: 2);
        Console.WriteLine($"engine: {engine}");
        Console.WriteLine("errors: " + (run.Errors.Count == 0 ? "none" : string.Join(", ", run.Errors.Select(e => $"{e.Key} x{e.Value}"))));

        var problems = await CheckRecordAsync(official, id, ledger);
        Console.WriteLine($"ledger: {ledger.Acknowledged} acknowledged, {ledger.Uncertain} without answer; against the record: "
            + (problems.Count == 0 ? "every acknowledged ballot there once, one counted per voter" : $"{problems.Count} problems"));
        foreach (var problem in problems.Take(20)) Console.WriteLine("  " + problem);

        await using var bare = await BareKestrel.StartAsync("/api/elections/{id}/ballots");
        var bareTarget = new CastTarget([bare.Address], $"/api/elections/{id}/ballots");
        await new LoadRun(bareTarget, codes, options.Connections, null).RunAsync(options.Warmup, options.Duration, 0, seed: 1);
        var baseline = await new LoadRun(bareTarget, codes, options.Connections, null).RunAsync(engine.Sent, options.Duration, options.Rate, seed: 2);
        Console.WriteLine($"bare Kestrel: {baseline}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio engine / bare Kestrel: {engine.PerSecond / baseline.PerSecond:F2} (p99 {engine.P99:F1} ms vs {baseline.P99:F1} ms)"));
        return problems.Count == 0 && run.Errors.Count == 0 ? 0 : 1;
    }

    /// <summary>Creates, registers and opens an election through the API; returns the voters' codes in roll order.</summary>
    private static async Task<string[]> OpenElectionAsync(HttpClient official, string id, int voters, int boxes)
    {
        var definition = new JsonObject
        {
            ["id"] = id,
            ["title"] = new JsonObject { ["en"] = "HTTP load" },
            ["kind"] = "budget",
            ["grades"] = new JsonArray([.. new[] { "Reject", "Poor", "Fair", "Good", "Excellent" }.Select(g => new JsonObject { ["en"] = g })]),
            ["ballotBoxes"] = boxes,
            ["envelopes"] = new JsonArray([
                Envelope("city", [.. Enumerable.Range(1, 8).Select(i => $"city-{i}")], 30_000_000),
                .. Enumerable.Range(1, 4).Select(d => Envelope($"d{d}", [.. Enumerable.Range(1, 4).Select(i => $"d{d}-{i}")], 3_000_000)),
            ]),
        };
        await Expect(official.PostAsJsonAsync("/api/elections", definition));
        var codes = new string[voters];
        const int chunk = 50_000;
        for (int start = 0; start < voters; start += chunk)
        {
            var rows = Enumerable.Range(start, Math.Min(chunk, voters - start))
                .Select(v => new JsonObject { ["id"] = LoadRun.VoterId(v), ["envelopes"] = new JsonArray(["city", $"d{v % 4 + 1}"]) });
            var imported = await Expect(official.PostAsJsonAsync($"/api/elections/{id}/voters", new JsonObject { ["voters"] = new JsonArray([.. rows]) }));
            var byId = (await imported.Content.ReadFromJsonAsync<JsonObject>())!["codes"]!.AsObject();
            for (int v = start; v < Math.Min(start + chunk, voters); v++) codes[v] = byId[LoadRun.VoterId(v)]!.GetValue<string>();
        }
        await Expect(official.PostAsync($"/api/elections/{id}/open", null));
        return codes;
    }

    private static JsonObject Envelope(string id, string[] projects, long budget) => new()
    {
        ["id"] = id,
        ["title"] = new JsonObject { ["en"] = id },
        ["budget"] = budget,
        ["projects"] = new JsonArray([.. projects.Select((p, i) => new JsonObject { ["id"] = p, ["title"] = new JsonObject { ["en"] = p }, ["cost"] = 500_000 + 100_000 * i })]),
    };

    /// <summary>Closes the election, downloads its record and checks the ledger against it.</summary>
    private static async Task<IReadOnlyList<string>> CheckRecordAsync(HttpClient official, string id, BallotLedger ledger)
    {
        await Expect(official.PostAsync($"/api/elections/{id}/close", null));
        var path = Path.Combine(Path.GetTempPath(), $"{id}.zip");
        try
        {
            using (var response = await Expect(official.GetAsync($"/api/elections/{id}/record", HttpCompletionOption.ResponseHeadersRead)))
            await using (var file = File.Create(path))
                await response.Content.CopyToAsync(file);
            using var record = ElectionRecordReader.Open(path);
            return ledger.Check(record);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<HttpResponseMessage> Expect(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
