using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Voting.Web.Tests;

/// <summary>Two nodes of one deployment, made so by configuration alone: Redis or Azure table clustering, and Azure storage (Azurite).</summary>
public class ClusteringTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Token = "cluster-official-token-0123456789";

    [Theory]
    [InlineData("redis")]
    [InlineData("azure")]
    public async Task Two_nodes_serve_one_election_through_clustering_and_azure_storage(string clustering)
    {
        await using var redis = clustering == "redis" ? await RedisServer.Start() : null;
        var settings = new Dictionary<string, string>
        {
            ["Voting:Clustering"] = clustering,
            ["ConnectionStrings:Redis"] = redis?.ConnectionString ?? "",
            ["Voting:Storage"] = "azure",
            ["ConnectionStrings:AzureStorage"] = azurite.ConnectionString,
            ["Voting:ClusterId"] = "cluster-" + Guid.NewGuid().ToString("n")[..8],
            ["Voting:AdvertisedAddress"] = "127.0.0.1",
            ["Voting:AdminToken"] = Token,
            ["Voting:LoadSeeds"] = "false",
        };
        await using var first = await HostProcess.Start(settings);
        await using var second = await HostProcess.Start(settings);
        using var officialA = Official(first);
        using var officialB = Official(second);
        var id = Elections.NewId("cluster");

        // Defined and populated on one node, opened on the other.
        using (var created = await officialA.PostAsync("/api/elections", Elections.Json(Elections.Budget(id))))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        string code;
        using (var imported = await officialB.PostAsync($"/api/elections/{id}/voters",
                   Elections.Json("""{"voters": [{"id": "v1", "envelopes": ["city"]}, {"id": "v2", "envelopes": ["city"]}]}""")))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
            code = (await Elections.Body(imported)).GetProperty("codes").GetProperty("v1").GetString()!;
        }
        using (var opened = await officialA.PostAsync($"/api/elections/{id}/open", null))
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);

        // A ballot on one node, its revision on the other: one election, one log, one counted ballot.
        Assert.Equal(1, await Cast(second, id, code, """{"grades": {"p1": 4, "p2": 0}}"""));
        Assert.Equal(2, await Cast(first, id, code, """{"grades": {"p1": 1, "p2": 3}}"""));

        using (var closed = await officialB.PostAsync($"/api/elections/{id}/close", null))
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var fromFirst = await first.Client.GetStringAsync($"/api/elections/{id}/results");
        var fromSecond = await second.Client.GetStringAsync($"/api/elections/{id}/results");
        Assert.Equal(fromFirst, fromSecond);
        var city = JsonDocument.Parse(fromFirst).RootElement.GetProperty("envelopes")[0];
        Assert.Equal(1, JsonDocument.Parse(fromFirst).RootElement.GetProperty("ballots").GetInt64());
        var p1 = city.GetProperty("ranking").EnumerateArray().Single(p => p.GetProperty("project").GetString() == "p1");
        Assert.Equal([0, 1, 0, 0, 0], p1.GetProperty("profile").EnumerateArray().Select(c => c.GetInt64()));
    }

    private static HttpClient Official(HostProcess host) => host.WithBearer(Token);

    private static async Task<long> Cast(HostProcess host, string election, string code, string ballot)
    {
        using var voter = host.WithBearer(code);
        using var response = await voter.PostAsync($"/api/elections/{election}/ballots", Elections.Json(ballot));
        var body = await Elections.Body(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("revision").GetInt64();
    }
}
