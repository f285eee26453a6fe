using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests;

/// <summary>
/// A host of its own, so that its metrics count these tests' ballots only: live results published every 2 ballots,
/// and every log category turned up (the request lines' own category aside, which the host keeps at Warning) so that
/// the log audit reads all that the node can say.
/// </summary>
public sealed class ObservedHost : IAsyncLifetime
{
    public ApiHost Api { get; } = new(new Dictionary<string, string>
    {
        ["Voting:LiveResults:MinBallots"] = "2",
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Orleans"] = "Debug",
    });

    public Task InitializeAsync() => Api.InitializeAsync();

    public Task DisposeAsync() => Api.DisposeAsync();
}

/// <summary>The Prometheus endpoint's figures after real casts, the health endpoints with the store there and gone, and the log's discretion.</summary>
public sealed class ObservabilityTests(ObservedHost observed) : IClassFixture<ObservedHost>
{
    private const string Ballot = """{"grades": {"p1": 4, "d1": 2}}""";

    private ApiHost Api => observed.Api;

    [Fact]
    public async Task Metrics_count_the_ballots_accepted_and_refused_and_time_their_appends()
    {
        var before = await Scrape();
        var id = NewId("metrics");
        var codes = await Prepare(Api, Budget(id), Enumerable.Range(0, 3).ToDictionary(i => $"v{i}", _ => new[] { "city", "district" }), open: true);
        // An official following the live results first: the results grain is up before the ballots, so they clear a snapshot.
        var hub = OfficialHub();
        try
        {
            await hub.StartAsync();
            await hub.InvokeAsync("JoinElection", id);
            await CastAndMeasure(id, codes, before);
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    private async Task CastAndMeasure(string id, Dictionary<string, string> codes, string before)
    {
        int created = 0;
        foreach (var code in codes.Values.Append(codes["v0"])) // three voters, and one of them votes again
        {
            using var cast = await Cast(Api, id, code, Ballot);
            if (cast.StatusCode == HttpStatusCode.Created) created++;
        }
        using (var invalid = await Cast(Api, id, codes["v1"], """{"grades": {"p1": 9}}"""))
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using (var unknown = await Cast(Api, id, "not-a-code-on-this-roll", Ballot))
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);

        const string castRequests = "http_server_request_duration_seconds_count", castRoute = "http_route=\"/api/elections/{id}/ballots\"";
        var after = await ScrapeUntil(m => Delta(m, before, "voting_ballots_accepted_total") >= created
                                           && Delta(m, before, "voting_results_publication_lag_milliseconds_count") >= 1
                                           && Delta(m, before, castRequests, castRoute) >= created + 2);
        Assert.Equal(4, created);
        Assert.Equal(created, Delta(after, before, "voting_ballots_accepted_total"));
        Assert.Equal(1, Delta(after, before, "voting_ballots_refused_total", "reason=\"invalid\""));
        Assert.Equal(1, Delta(after, before, "voting_ballots_refused_total", "reason=\"unauthorized\""));
        Assert.Equal(created, Delta(after, before, "voting_ballots_ack_time_milliseconds_count"));
        // Every accepted ballot went into one durable batch, and each batch was timed.
        Assert.Equal(created, Delta(after, before, "voting_log_batch_size_sum"));
        var batches = Delta(after, before, "voting_log_batch_size_count");
        Assert.InRange(batches, 1, created);
        Assert.Equal(batches, Delta(after, before, "voting_log_append_time_milliseconds_count"));
        Assert.True(Delta(after, before, "voting_results_publication_lag_milliseconds_count") >= 1, "a live snapshot was published and timed");
        // ASP.NET Core's own request durations, by route: the four casts, the invalid one and the one without a valid code.
        Assert.Equal(created + 2, Delta(after, before, castRequests, castRoute));
    }

    [Fact]
    public async Task Metrics_count_the_open_connections_to_the_results_hub()
    {
        const string sample = "voting_signalr_connections";
        // This host's other tests close their hub connections before they end.
        Assert.Equal(0, Value(await ScrapeUntil(m => Value(m, sample) == 0), sample));
        var connection = OfficialHub();
        try
        {
            await connection.StartAsync();
            Assert.Equal(1, Value(await ScrapeUntil(m => Value(m, sample) != 0), sample));
        }
        finally
        {
            await connection.DisposeAsync();
        }
        Assert.Equal(0, Value(await ScrapeUntil(m => Value(m, sample) == 0), sample));
    }

    [Fact]
    public async Task Ready_only_while_the_store_can_be_read_and_live_all_along()
    {
        using var client = Api.Anonymous();
        var (liveStatus, live) = await Health(client, "/health/live");
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal("Healthy", live.GetProperty("status").GetString());

        var (readyStatus, ready) = await Health(client, "/health/ready");
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal("Healthy", CheckStatus(ready, "storage"));
        Assert.Equal("Healthy", CheckStatus(ready, "cluster"));

        // The SQLite file's folder moved away: the file cannot be opened at its configured path.
        var dataDir = Api.Host.DataDir;
        var moved = dataDir + "-moved";
        Directory.Move(dataDir, moved);
        try
        {
            var (downStatus, down) = await Health(client, "/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, downStatus);
            Assert.Equal("Unhealthy", down.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", CheckStatus(down, "storage"));
            Assert.Equal("Healthy", CheckStatus(down, "cluster"));
            Assert.Equal(HttpStatusCode.OK, (await Health(client, "/health/live")).Status);
        }
        finally
        {
            Directory.Move(moved, dataDir);
        }
        var (backStatus, back) = await Health(client, "/health/ready");
        Assert.Equal(HttpStatusCode.OK, backStatus);
        Assert.Equal("Healthy", CheckStatus(back, "storage"));
    }

    [Fact]
    public async Task The_log_holds_no_invitation_code_and_no_official_token()
    {
        var id = NewId("discreet");
        var codes = await Prepare(Api, Budget(id), new Dictionary<string, string[]> { ["a"] = ["city", "district"], ["b"] = ["city"] }, open: true);
        const string unknownCode = "unknown-code-4f1c9a7e2b";
        const string wrongPassword = ApiHost.AdminToken + "-wrong";

        using (var cast = await Cast(Api, id, codes["a"], Ballot))
            Assert.Equal(HttpStatusCode.Created, cast.StatusCode);
        using (var refused = await Cast(Api, id, codes["a"], """{"grades": {"p1": 9}}"""))
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using (var unknown = await Cast(Api, id, unknownCode, Ballot))
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        using (var voter = Api.WithBearer(codes["a"]))
        using (var ballot = await voter.GetAsync($"/api/elections/{id}/ballot"))
            Assert.Equal(HttpStatusCode.OK, ballot.StatusCode);

        using (var browser = PageForms.Browser(Api.BaseAddress))
        using (var signedIn = await PageForms.Submit(browser, $"/elections/{id}/vote", "sign-in", ("Code", codes["b"])))
            Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        using (var browser = PageForms.Browser(Api.BaseAddress))
        {
            using (var wrong = await PageForms.Submit(browser, "/official/sign-in", "official-sign-in", ("UserName", "admin"), ("Password", wrongPassword)))
                Assert.NotEqual(HttpStatusCode.Found, wrong.StatusCode);
            using (var official = await PageForms.Submit(browser, "/official/sign-in", "official-sign-in", ("UserName", "admin"), ("Password", ApiHost.AdminToken)))
                Assert.Equal(HttpStatusCode.Found, official.StatusCode);
        }
        Assert.Equal(1, (await OfficialResults(Api, id)).GetProperty("ballots").GetInt64());

        // A hub client that sends the token in the query string (refused: the hub reads it from the header only).
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(Api.BaseAddress, "/hubs/results?access_token=" + Uri.EscapeDataString(ApiHost.AdminToken)))
            .Build();
        try
        {
            await hub.StartAsync();
            await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("JoinElection", id));
        }
        finally
        {
            await hub.DisposeAsync();
        }

        // The console logger writes from a queue of its own: the election's own lines show it caught up.
        Assert.True(await Api.Host.WaitForOutput($"Election {id} opened", TimeSpan.FromSeconds(10)), "the host's log shows the election");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var log = Api.Host.Output;
        foreach (var secret in codes.Values.Append(unknownCode).Append(ApiHost.AdminToken).Append(wrongPassword))
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
    }

    private HubConnection OfficialHub() =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Api.BaseAddress, "/hubs/results"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(ApiHost.AdminToken))
            .Build();

    private async Task<string> Scrape()
    {
        using var client = Api.Anonymous();
        return await client.GetStringAsync("/metrics");
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (the exporter caches its answer briefly), or for 15 s; the last scrape.</summary>
    private async Task<string> ScrapeUntil(Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var metrics = await Scrape();
            if (done(metrics) || DateTime.UtcNow > deadline) return metrics;
            await Task.Delay(200);
        }
    }

    private static double Delta(string after, string before, string name, string? label = null) => Value(after, name, label) - Value(before, name, label);

    /// <summary>The sum of the samples of <paramref name="name"/> (with <paramref name="label"/>, if given) in a Prometheus text exposition; 0 if none.</summary>
    private static double Value(string metrics, string name, string? label = null) =>
        metrics.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => label is null || line.Contains(label, StringComparison.Ordinal))
            .Sum(line => double.Parse(line.Split(' ')[^1], CultureInfo.InvariantCulture));

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Health(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await Body(response));
    }

    private static string? CheckStatus(JsonElement report, string check) => report.GetProperty("checks").GetProperty(check).GetProperty("status").GetString();
}
