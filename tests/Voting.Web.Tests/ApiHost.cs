using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Voting.Web.Tests;

/// <summary>One host process shared by the API tests: a known official token, no seeds; each test makes its own elections.</summary>
public class ApiHost : IAsyncLifetime
{
    public const string AdminToken = "test-official-token-0123456789";

    private readonly IReadOnlyDictionary<string, string> _settings;
    private HostProcess? _host;

    public ApiHost() : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A host of its own, with <paramref name="settings"/> besides the token and no seeds.</summary>
    protected internal ApiHost(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    public HostProcess Host => _host ?? throw new InvalidOperationException("not started");

    public Uri BaseAddress => Host.BaseAddress;

    public virtual async Task InitializeAsync() =>
        _host = await HostProcess.Start(new Dictionary<string, string>(_settings)
        {
            ["Voting:AdminToken"] = AdminToken,
            ["Voting:LoadSeeds"] = "false",
        });

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous() => Host.Anonymous();

    public HttpClient Official() => WithBearer(AdminToken);

    public HttpClient WithBearer(string token) => Host.WithBearer(token);
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiHost>
{
    public const string Name = "api";
}

/// <summary>Elections and requests the tests share.</summary>
public static class Elections
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():n}"[..Math.Min(prefix.Length + 13, 64)];

    /// <summary>A small participatory budget: envelope "city" (p1..p3) and envelope "district" (d1, d2); 5 grades.</summary>
    public static JsonObject Budget(string id) => new()
    {
        ["id"] = id,
        ["title"] = new JsonObject { ["fr"] = "Budget test", ["en"] = "Test budget" },
        ["kind"] = "budget",
        ["grades"] = new JsonArray(
            Label("Pas du tout convaincu·e", "Not convinced at all"),
            Label("Pas convaincu·e", "Not convinced"),
            Label("Pourquoi pas ?", "Why not?"),
            Label("J'aime bien", "I like it"),
            Label("J'adore", "I love it")),
        ["balancing"] = "static:0",
        ["envelopes"] = new JsonArray(
            new JsonObject
            {
                ["id"] = "city",
                ["budget"] = 1000,
                ["rule"] = "greedy",
                ["projects"] = new JsonArray(Project("p1", 600), Project("p2", 500), Project("p3", 300)),
            },
            new JsonObject
            {
                ["id"] = "district",
                ["budget"] = 100,
                ["rule"] = "greedy",
                ["projects"] = new JsonArray(Project("d1", 60), Project("d2", 50)),
            }),
    };

    private static JsonObject Label(string fr, string en) => new() { ["fr"] = fr, ["en"] = en };

    private static JsonObject Project(string id, long cost) => new()
    {
        ["id"] = id,
        ["title"] = new JsonObject { ["fr"] = "Projet " + id, ["en"] = "Project " + id },
        ["cost"] = cost,
    };

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    public static async Task<JsonElement> Body(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"not JSON ({(int)response.StatusCode}): {text} ({e.Message})");
        }
    }

    /// <summary>Creates the election, imports <paramref name="voters"/> (id -> envelopes) and returns their codes; opens it when asked.</summary>
    public static async Task<Dictionary<string, string>> Prepare(ApiHost api, JsonObject definition, IDictionary<string, string[]> voters, bool open)
    {
        using var official = api.Official();
        var id = definition["id"]!.GetValue<string>();
        using (var created = await official.PostAsync("/api/elections", Json(definition)))
            Assert.True(created.StatusCode == System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var roll = new JsonObject
        {
            ["voters"] = new JsonArray(voters.Select(v => (JsonNode)new JsonObject
            {
                ["id"] = v.Key,
                ["envelopes"] = new JsonArray(v.Value.Select(e => (JsonNode)JsonValue.Create(e)).ToArray()),
            }).ToArray()),
        };
        Dictionary<string, string> codes;
        using (var imported = await official.PostAsync($"/api/elections/{id}/voters", Json(roll)))
        {
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
            codes = (await imported.Content.ReadFromJsonAsync<CodesBody>())!.Codes;
        }
        if (open)
            using (var opened = await official.PostAsync($"/api/elections/{id}/open", null))
                Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        return codes;
    }

    public static async Task<HttpResponseMessage> Cast(ApiHost api, string election, string code, string json)
    {
        using var voter = api.WithBearer(code);
        return await voter.PostAsync($"/api/elections/{election}/ballots", Json(json));
    }

    public static async Task<JsonElement> OfficialResults(ApiHost api, string election)
    {
        using var official = api.Official();
        using var response = await official.GetAsync($"/api/elections/{election}/results");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await Body(response);
    }

    private sealed record CodesBody(Dictionary<string, string> Codes);
}
