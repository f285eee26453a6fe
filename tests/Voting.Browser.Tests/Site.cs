using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Voting.Browser.Tests;

/// <summary>
/// The real host with two elections made through the API (one voted and closed, one still open), and Debian's
/// Chromium driven by Playwright; screenshots go to <c>TestResults/screenshots</c> beside the tests.
/// </summary>
public sealed class Site : IAsyncLifetime
{
    public const string AdminToken = "browser-tests-official-token";
    private const string Chromium = "/usr/bin/chromium";

    private HostProcess? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public HostProcess Host => _host ?? throw new InvalidOperationException("not started");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("not started");

    /// <summary>Closed, with four ballots, one of them replaced by a revote.</summary>
    public string Closed { get; } = $"closed-{Guid.NewGuid():n}"[..20];

    /// <summary>Open: its results are not public yet.</summary>
    public string Open { get; } = $"open-{Guid.NewGuid():n}"[..18];

    /// <summary>Defined, with voters, but never opened.</summary>
    public string Draft { get; } = $"draft-{Guid.NewGuid():n}"[..19];

    public string CountedReceipt { get; private set; } = "";

    public string ReplacedReceipt { get; private set; } = "";

    /// <summary>The closed election's <c>GET /api/elections/{id}/results</c>.</summary>
    public JsonElement Results { get; private set; }

    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium package (scripts/test.sh does)");
        try
        {
            _host = await HostProcess.Start(new Dictionary<string, string>
            {
                ["Voting:AdminToken"] = AdminToken,
                ["Voting:LoadSeeds"] = "false",
            });
            await PrepareElections();
            _playwright = await Playwright.CreateAsync();
            _browser = await LaunchChromium(_playwright);
            Directory.CreateDirectory(Screenshots);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Debian's Chromium, headless.</summary>
    public static Task<IBrowser> LaunchChromium(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null)
            await _host.DisposeAsync();
    }

    /// <summary>A browser context (its own cookies) whose requests ask for <paramref name="locale"/> in Accept-Language.</summary>
    public Task<IBrowserContext> NewContext(string locale = "en-US", bool javaScript = true) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            Locale = locale,
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 1000, Height = 800 },
        });

    public static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    /// <summary>Signs in to an election's ballot page with an invitation code, in the language of the page's context.</summary>
    public static async Task SignIn(IPage page, string code, string election)
    {
        await page.GotoAsync($"/elections/{election}/vote");
        await page.Locator("#code").FillAsync(code);
        await page.Locator("form button[type=submit]").ClickAsync();
    }

    /// <summary>Signs in as the administrator on the officials' sign-in page the browser was sent to, in English.</summary>
    public static async Task SignInAsAdministrator(IPage page)
    {
        await page.GetByLabel("User name", new() { Exact = true }).FillAsync("admin");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(AdminToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    private async Task PrepareElections()
    {
        using var official = Client(AdminToken);
        await Send(official, $"/api/elections", Definition(Closed));
        var codes = await ImportVoters(official, Closed, 4);
        await Send(official, $"/api/elections/{Closed}/open");
        ReplacedReceipt = await Cast(Closed, codes[0], """{"p1": 0, "p2": 1, "p3": 4, "d1": 2}""");
        CountedReceipt = await Cast(Closed, codes[0], """{"p1": 4, "p2": 3, "p3": 1, "d1": 2, "d2": 0}""");
        await Cast(Closed, codes[1], """{"p1": 3, "p2": 3, "p3": 0, "d1": 4, "d2": 1}""");
        await Cast(Closed, codes[2], """{"p1": 4, "p2": 2, "p3": 2, "d1": 1, "d2": 3}""");
        await Cast(Closed, codes[3], """{"p1": 1, "p2": 4, "p3": 2, "d2": 3}""");
        await Send(official, $"/api/elections/{Closed}/close");
        using (var response = await Host.Client.GetAsync($"/api/elections/{Closed}/results"))
        {
            response.EnsureSuccessStatusCode();
            Results = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }

        await Send(official, $"/api/elections", Definition(Open));
        _openCodes = new Queue<string>(await ImportVoters(official, Open, 20));
        DistrictOnlyCode = (await ImportVoters(official, Open, 1, first: 21, envelopes: ["district"]))[0];
        await Send(official, $"/api/elections/{Open}/open");

        await Send(official, $"/api/elections", Definition(Draft));
        await ImportVoters(official, Draft, 1);
    }

    private Queue<string> _openCodes = new();

    /// <summary>
    /// A new open election of the same definition, for a test of its own: <paramref name="voters"/> voters who may vote
    /// in every envelope and <paramref name="districtOnly"/> in "district" only; the codes of the former.
    /// </summary>
    public async Task<(string Id, string[] Codes)> NewOpenElection(string prefix, int voters, int districtOnly)
    {
        var id = $"{prefix}-{Guid.NewGuid():n}"[..20];
        using var official = Client(AdminToken);
        await Send(official, "/api/elections", Definition(id));
        var codes = await ImportVoters(official, id, voters);
        await ImportVoters(official, id, districtOnly, first: voters + 1, envelopes: ["district"]);
        await Send(official, $"/api/elections/{id}/open");
        return (id, codes);
    }

    /// <summary>An open election of the same definition, without voters, on another host that has this fixture's official token.</summary>
    public static async Task<string> NewOpenElectionOn(HostProcess host, string prefix)
    {
        var id = $"{prefix}-{Guid.NewGuid():n}"[..20];
        using var official = host.WithBearer(AdminToken);
        await Send(official, "/api/elections", Definition(id));
        await Send(official, $"/api/elections/{id}/open");
        return id;
    }

    /// <summary>Casts a ballot through the API (<paramref name="grades"/>: the JSON of its grades) and returns its receipt.</summary>
    public Task<string> CastBallot(string election, string code, string grades) => Cast(election, code, grades);

    public async Task CloseElection(string election)
    {
        using var official = Client(AdminToken);
        await Send(official, $"/api/elections/{election}/close");
    }

    /// <summary><c>GET /api/elections/{id}/results</c> as an official reads it (live and exact while the vote is open).</summary>
    public async Task<JsonElement> OfficialResults(string election)
    {
        using var official = Client(AdminToken);
        using var response = await official.GetAsync($"/api/elections/{election}/results");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    /// <summary>An invitation code of the open election that no test used yet; its holder may vote in every envelope.</summary>
    public string NewOpenCode()
    {
        lock (_openCodes)
            return _openCodes.Dequeue();
    }

    /// <summary>The code of the open election's voter who may vote in the "district" envelope only.</summary>
    public string DistrictOnlyCode { get; private set; } = "";

    /// <summary>The ballot that counts for the code's holder, as <c>GET /api/elections/{id}/ballot</c> gives it back.</summary>
    public async Task<JsonElement> Ballot(string election, string code)
    {
        using var voter = Client(code);
        using var response = await voter.GetAsync($"/api/elections/{election}/ballot");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    private async Task<string[]> ImportVoters(HttpClient official, string election, int count, int first = 1, string[]? envelopes = null)
    {
        var ids = Enumerable.Range(first, count).Select(i => $"voter-{i}").ToArray();
        var roll = new JsonObject
        {
            ["voters"] = new JsonArray(ids.Select(id => (JsonNode)new JsonObject
            {
                ["id"] = id,
                ["envelopes"] = envelopes is null ? null : new JsonArray(envelopes.Select(e => (JsonNode)JsonValue.Create(e)).ToArray()),
            }).ToArray()),
        };
        using var response = await Send(official, $"/api/elections/{election}/voters", roll);
        var codes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes");
        return ids.Select(id => codes.GetProperty(id).GetString()!).ToArray();
    }

    private async Task<string> Cast(string election, string code, string grades)
    {
        using var voter = Client(code);
        using var response = await Send(voter, $"/api/elections/{election}/ballots", JsonNode.Parse($$"""{"grades": {{grades}}}""")!);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;
    }

    private HttpClient Client(string bearer)
    {
        var client = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, string path, JsonNode? body = null)
    {
        var response = await client.PostAsync(path, body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>A participatory budget in three languages: envelope "city" (p1..p3, budget 1000) and "district" (d1, d2, budget 100).</summary>
    private static JsonObject Definition(string id) => new()
    {
        ["id"] = id,
        ["title"] = Text(Title(id)),
        ["kind"] = "budget",
        ["grades"] = new JsonArray(Grades.Select(g => (JsonNode)Text(g)).ToArray()),
        ["envelopes"] = new JsonArray(
            new JsonObject
            {
                ["id"] = "city",
                ["title"] = Text(Envelopes["city"]),
                ["budget"] = 1000,
                ["rule"] = "greedy",
                ["projects"] = new JsonArray(Project("p1", 600), Project("p2", 500), Project("p3", 300)),
            },
            new JsonObject
            {
                ["id"] = "district",
                ["title"] = Text(Envelopes["district"]),
                ["budget"] = 100,
                ["rule"] = "greedy",
                ["projects"] = new JsonArray(Project("d1", 60), Project("d2", 50)),
            }),
    };

    public static Texts Title(string election) => new($"Budget {election}", $"Budget participatif {election}", $"Presupuesto {election}");

    /// <summary>The grades, worst first.</summary>
    public static IReadOnlyList<Texts> Grades { get; } =
    [
        new("Not convinced at all", "Pas du tout convaincu·e", "Nada convencido/a"),
        new("Not convinced", "Pas convaincu·e", "No convencido/a"),
        new("Why not?", "Pourquoi pas ?", "¿Por qué no?"),
        new("I like it", "J'aime bien", "Me gusta"),
        new("I love it", "J'adore", "Me encanta"),
    ];

    public static IReadOnlyDictionary<string, Texts> Envelopes { get; } = new Dictionary<string, Texts>
    {
        ["city"] = new("City-wide", "Toute la ville", "Toda la ciudad"),
        ["district"] = new("District", "Quartier", "Barrio"),
    };

    public static IReadOnlyDictionary<string, Texts> Projects { get; } = new Dictionary<string, Texts>
    {
        ["p1"] = new("Trees", "Arbres", "Árboles"),
        ["p2"] = new("Bike lanes", "Pistes cyclables", "Carriles bici"),
        ["p3"] = new("Fountains", "Fontaines", "Fuentes"),
        ["d1"] = new("Garden", "Jardin", "Jardín"),
        ["d2"] = new("Benches", "Bancs", "Bancos"),
    };

    private static JsonObject Text(string fr, string en, string es) => new() { ["fr"] = fr, ["en"] = en, ["es"] = es };

    private static JsonObject Text(Texts texts) => Text(texts.Fr, texts.En, texts.Es);

    /// <summary>The projects' descriptions, where they have one.</summary>
    public static IReadOnlyDictionary<string, Texts> Descriptions { get; } = new Dictionary<string, Texts>
    {
        ["p1"] = new("Two hundred trees along the boulevards", "Deux cents arbres le long des boulevards", "Doscientos árboles a lo largo de los bulevares"),
    };

    private static JsonObject Project(string id, long cost)
    {
        var project = new JsonObject { ["id"] = id, ["title"] = Text(Projects[id]), ["cost"] = cost };
        if (Descriptions.TryGetValue(id, out var description))
            project["description"] = Text(description);
        return project;
    }
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<Site>
{
    public const string Name = "site";
}
