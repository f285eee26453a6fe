using System.Text;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests.Abuse;

/// <summary>
/// The host the abuse suite attacks, with its own log: an open election where voter "a" (envelope "city" only) has
/// cast one ballot and "b" (both envelopes) none, a draft with one voter, and a closed election with one ballot.
/// <see cref="Before"/> is everything readable through the API about them, read once they settled.
/// </summary>
public sealed class AbuseHost() : ApiHost(new Dictionary<string, string>
{
    // Every attack reads the state back as an official and a resident: limits that the suite's own reads cannot
    // reach, so that each attack meets the rejection it tests (RateLimitTests test the limits).
    ["Voting:RateLimiting:CastPerMinute"] = "1000000",
    ["Voting:RateLimiting:CastPerResidentPerMinute"] = "1000000",
    ["Voting:RateLimiting:LoginPerMinute"] = "1000000",
    ["Voting:RateLimiting:SignInPerAccountPerMinute"] = "1000000",
})
{
    public const string Ballot = """{"grades": {"p1": 4, "p2": 2}}""";

    public string Open { get; } = NewId("open");

    public string Draft { get; } = NewId("draft");

    public string Closed { get; } = NewId("closed");

    /// <summary>Invitation codes: "a" and "b" of the open election, "draft" and "closed" of the others.</summary>
    public Dictionary<string, string> Codes { get; } = new(StringComparer.Ordinal);

    public string Receipt { get; private set; } = "";

    public string ClosedReceipt { get; private set; } = "";

    public string Before { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var open = await Prepare(this, Budget(Open), new Dictionary<string, string[]> { ["a"] = ["city"], ["b"] = ["city", "district"] }, open: true);
        Codes["a"] = open["a"];
        Codes["b"] = open["b"];
        Codes["draft"] = (await Prepare(this, Budget(Draft), new Dictionary<string, string[]> { ["v"] = ["city"] }, open: false))["v"];
        Codes["closed"] = (await Prepare(this, Budget(Closed), new Dictionary<string, string[]> { ["v"] = ["city"] }, open: true))["v"];
        Receipt = await CastOk(Open, Codes["a"]);
        ClosedReceipt = await CastOk(Closed, Codes["closed"]);
        using (var official = Official())
        using (var close = await official.PostAsync($"/api/elections/{Closed}/close", null))
            Assert.True(close.IsSuccessStatusCode, await close.Content.ReadAsStringAsync());
        // Both elections with a ballot count it (live results are published a moment after the cast).
        for (int i = 0; i < 100 && (await Snapshot()).Split("\"ballots\":1,").Length - 1 < 2; i++)
            await Task.Delay(100);
        Before = await Snapshot();
    }

    /// <summary>
    /// What the API shows of the elections to an official: the list, each definition, status and roll size, the
    /// tallies, the two receipts' status and voter a's ballot. Equal before and after an attack: nothing changed.
    /// </summary>
    public async Task<string> Snapshot()
    {
        using var official = Official();
        var text = new StringBuilder();
        var list = await Body(await official.GetAsync("/api/elections"));
        foreach (var row in list.EnumerateArray().OrderBy(r => r.GetProperty("id").GetString(), StringComparer.Ordinal))
            text.AppendLine(row.GetRawText());
        foreach (var id in new[] { Open, Draft, Closed })
        {
            text.AppendLine(await official.GetStringAsync($"/api/elections/{id}"));
            var results = await Body(await official.GetAsync($"/api/elections/{id}/results"));
            text.Append("\"ballots\":").Append(results.GetProperty("ballots").GetInt64()).AppendLine(",")
                .AppendLine(results.GetProperty("envelopes").GetRawText());
        }
        using var anonymous = Anonymous();
        text.AppendLine(await anonymous.GetStringAsync($"/api/elections/{Open}/receipts/{Receipt}"));
        text.AppendLine(await anonymous.GetStringAsync($"/api/elections/{Closed}/receipts/{ClosedReceipt}"));
        using var voter = WithBearer(Codes["a"]);
        text.AppendLine(await voter.GetStringAsync($"/api/elections/{Open}/ballot"));
        return text.ToString();
    }

    private async Task<string> CastOk(string election, string code)
    {
        using var cast = await Cast(this, election, code, Ballot);
        Assert.True(cast.IsSuccessStatusCode, await cast.Content.ReadAsStringAsync());
        return (await Body(cast)).GetProperty("receipt").GetString()!;
    }
}

[CollectionDefinition(Name)]
public sealed class AbuseCollection : ICollectionFixture<AbuseHost>
{
    public const string Name = "abuse";
}
