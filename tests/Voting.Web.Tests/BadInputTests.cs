using System.Net;
using System.Text;
using System.Text.Json;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests;

/// <summary>Every bad input gets a 4xx JSON error with a reason, and changes nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiHost api)
{
    private const string GoodBallot = """{"grades": {"p1": 4, "p2": 2}}""";

    /// <summary>An open election where voter "a" has cast one ballot; returns the id, the codes and the results after it.</summary>
    private async Task<(string Id, Dictionary<string, string> Codes, string Receipt, JsonElement Before)> OpenWithOneBallot()
    {
        var id = NewId("bad");
        var codes = await Prepare(api, Budget(id), new Dictionary<string, string[]> { ["a"] = ["city"], ["b"] = ["city"] }, open: true);
        using var cast = await Cast(api, id, codes["a"], GoodBallot);
        Assert.Equal(HttpStatusCode.Created, cast.StatusCode);
        var receipt = (await Body(cast)).GetProperty("receipt").GetString()!;
        JsonElement before = default;
        for (int i = 0; i < 100; i++)
        {
            before = await OfficialResults(api, id);
            if (before.GetProperty("ballots").GetInt64() == 1)
                break;
            await Task.Delay(100);
        }
        return (id, codes, receipt, before);
    }

    private static async Task<string> AssertError(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(error), text);
        return error!;
    }

    /// <summary>Nothing changed: same count, same profiles, the first receipt still counted.</summary>
    private async Task AssertUnchanged(string id, string receipt, JsonElement before)
    {
        await Task.Delay(300); // past the results' coalescing interval
        var after = await OfficialResults(api, id);
        Assert.Equal(before.GetProperty("ballots").GetInt64(), after.GetProperty("ballots").GetInt64());
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal(before.GetProperty("envelopes").GetRawText(), after.GetProperty("envelopes").GetRawText());
        using var anonymous = api.Anonymous();
        using var status = await anonymous.GetAsync($"/api/elections/{id}/receipts/{Uri.EscapeDataString(receipt)}");
        Assert.Equal("counted", (await Body(status)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Bad_ballots_are_refused_and_change_nothing()
    {
        var (id, codes, receipt, before) = await OpenWithOneBallot();
        var a = codes["a"];

        // Unknown project.
        Assert.Contains("zzz", await AssertError(await Cast(api, id, a, """{"grades": {"zzz": 1}}"""), HttpStatusCode.BadRequest));
        // Grade out of scale (5 grades: 0..4), both ends.
        await AssertError(await Cast(api, id, a, """{"grades": {"p1": 5}}"""), HttpStatusCode.BadRequest);
        await AssertError(await Cast(api, id, a, """{"grades": {"p1": -1}}"""), HttpStatusCode.BadRequest);
        // Not an integer grade.
        await AssertError(await Cast(api, id, a, """{"grades": {"p1": 2.5}}"""), HttpStatusCode.BadRequest);
        await AssertError(await Cast(api, id, a, """{"grades": {"p1": "4"}}"""), HttpStatusCode.BadRequest);
        // Duplicate keys, inside the grades and at the top.
        Assert.Contains("p1", await AssertError(await Cast(api, id, a, """{"grades": {"p1": 4, "p1": 0}}"""), HttpStatusCode.BadRequest));
        await AssertError(await Cast(api, id, a, """{"grades": {"p1": 4}, "grades": {"p1": 0}}"""), HttpStatusCode.BadRequest);
        // Malformed JSON, empty body, empty ballot, no grades.
        Assert.Contains("malformed", await AssertError(await Cast(api, id, a, """{"grades": {"p1": 4"""), HttpStatusCode.BadRequest));
        await AssertError(await Cast(api, id, a, ""), HttpStatusCode.BadRequest);
        await AssertError(await Cast(api, id, a, """{"grades": {}}"""), HttpStatusCode.BadRequest);
        await AssertError(await Cast(api, id, a, """{}"""), HttpStatusCode.BadRequest);
        await AssertError(await Cast(api, id, a, """[1, 2]"""), HttpStatusCode.BadRequest);
        // A project of an envelope this voter may not vote in.
        await AssertError(await Cast(api, id, a, """{"grades": {"d1": 4}}"""), HttpStatusCode.Forbidden);

        // Oversized body (> 1 MiB).
        var huge = new StringBuilder("{\"grades\": {\"p1\": 4}, \"padding\": \"");
        huge.Append('x', (1 << 20) + 10).Append("\"}");
        await AssertError(await Cast(api, id, a, huge.ToString()), HttpStatusCode.RequestEntityTooLarge);

        // Wrong content type.
        using (var voter = api.WithBearer(a))
        {
            await AssertError(await voter.PostAsync($"/api/elections/{id}/ballots", new StringContent(GoodBallot, Encoding.UTF8, "text/plain")),
                HttpStatusCode.UnsupportedMediaType);
            await AssertError(await voter.PostAsync($"/api/elections/{id}/ballots",
                new FormUrlEncodedContent([new("grades", "p1=4")])), HttpStatusCode.UnsupportedMediaType);
        }

        // Unknown code, a code of another election, no code.
        await AssertError(await Cast(api, id, "not-a-code", GoodBallot), HttpStatusCode.Unauthorized);
        var other = NewId("other");
        var otherCodes = await Prepare(api, Budget(other), new Dictionary<string, string[]> { ["a"] = ["city"] }, open: true);
        await AssertError(await Cast(api, id, otherCodes["a"], GoodBallot), HttpStatusCode.Unauthorized);
        using (var anonymous = api.Anonymous())
            await AssertError(await anonymous.PostAsync($"/api/elections/{id}/ballots", Json(GoodBallot)), HttpStatusCode.Unauthorized);

        // Unknown election.
        await AssertError(await Cast(api, NewId("nope"), a, GoodBallot), HttpStatusCode.NotFound);

        await AssertUnchanged(id, receipt, before);
    }

    [Fact]
    public async Task Vote_before_open_and_after_close_is_a_conflict()
    {
        var id = NewId("timing");
        var codes = await Prepare(api, Budget(id), new Dictionary<string, string[]> { ["a"] = ["city"] }, open: false);
        Assert.Contains("open", await AssertError(await Cast(api, id, codes["a"], GoodBallot), HttpStatusCode.Conflict));

        using var official = api.Official();
        using (var open = await official.PostAsync($"/api/elections/{id}/open", null))
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        using (var cast = await Cast(api, id, codes["a"], GoodBallot))
            Assert.Equal(HttpStatusCode.Created, cast.StatusCode);
        using (var close = await official.PostAsync($"/api/elections/{id}/close", null))
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        await AssertError(await Cast(api, id, codes["a"], """{"grades": {"p1": 0}}"""), HttpStatusCode.Conflict);
        // Closing twice, opening again: conflicts.
        await AssertError(await official.PostAsync($"/api/elections/{id}/close", null), HttpStatusCode.Conflict);
        await AssertError(await official.PostAsync($"/api/elections/{id}/open", null), HttpStatusCode.Conflict);

        using var anonymous = api.Anonymous();
        var results = await Body(await anonymous.GetAsync($"/api/elections/{id}/results"));
        Assert.Equal(1, results.GetProperty("ballots").GetInt64());
        Assert.Equal([0L, 0, 0, 0, 1], HappyPathTests.Profile(HappyPathTests.Envelope(results, "city"), "p1"));
    }

    [Fact]
    public async Task Bad_definitions_and_official_requests_are_refused()
    {
        using var official = api.Official();
        using var anonymous = api.Anonymous();
        var id = NewId("def");

        // Officials only: no token, a wrong token, a voter's code.
        await AssertError(await anonymous.PostAsync("/api/elections", Json(Budget(id))), HttpStatusCode.Unauthorized);
        using (var wrong = api.WithBearer("wrong-token"))
        {
            await AssertError(await wrong.PostAsync("/api/elections", Json(Budget(id))), HttpStatusCode.Unauthorized);
            await AssertError(await wrong.PostAsync("/api/login", null), HttpStatusCode.Unauthorized);
        }
        await AssertError(await anonymous.GetAsync($"/api/elections/{id}"), HttpStatusCode.NotFound);

        // Invalid definitions: a list of problems with the field at fault.
        var invalid = Budget(id);
        invalid["grades"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["en"] = "only one" });
        Assert.Contains("grades", await AssertError(await official.PostAsync("/api/elections", Json(invalid)), HttpStatusCode.BadRequest));
        var badId = Budget("no spaces allowed");
        Assert.Contains("id", await AssertError(await official.PostAsync("/api/elections", Json(badId)), HttpStatusCode.BadRequest));
        await AssertError(await official.PostAsync("/api/elections", Json("""{"id": "x", "kind": "referendum"}""")), HttpStatusCode.BadRequest);
        await AssertError(await official.PostAsync("/api/elections", Json("""{"id": "a", "id": "b"}""")), HttpStatusCode.BadRequest);
        await AssertError(await official.PostAsync("/api/elections", Json("not json")), HttpStatusCode.BadRequest);
        await AssertError(await official.PostAsync("/api/elections", new StringContent(Budget(id).ToJsonString(), Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType);
        await AssertError(await anonymous.GetAsync($"/api/elections/{id}"), HttpStatusCode.NotFound);

        // Created once; a second time is a conflict and leaves the first.
        using (var created = await official.PostAsync("/api/elections", Json(Budget(id))))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var again = Budget(id);
        again["title"] = new System.Text.Json.Nodes.JsonObject { ["en"] = "Replaced?" };
        await AssertError(await official.PostAsync("/api/elections", Json(again)), HttpStatusCode.Conflict);
        var stored = await Body(await official.GetAsync($"/api/elections/{id}"));
        Assert.Equal("Test budget", stored.GetProperty("definition").GetProperty("title").GetProperty("en").GetString());

        // Voter import: malformed, empty, unknown envelope, unknown election, officials only.
        await AssertError(await official.PostAsync($"/api/elections/{id}/voters", Json("""{"voters": [}""")), HttpStatusCode.BadRequest);
        await AssertError(await official.PostAsync($"/api/elections/{id}/voters", Json("""{"voters": []}""")), HttpStatusCode.BadRequest);
        Assert.Contains("'id'", await AssertError(await official.PostAsync($"/api/elections/{id}/voters",
            Json("""{"voters": [{"id": "v1", "envelopes": ["city"]}, {"id": "v2", "id": "v3"}]}""")), HttpStatusCode.BadRequest));
        await AssertError(await official.PostAsync($"/api/elections/{id}/voters", new StringContent("""{"voters": [{"id": "v"}]}""", Encoding.UTF8, "text/csv")),
            HttpStatusCode.UnsupportedMediaType);
        await AssertError(await official.PostAsync($"/api/elections/{id}/voters", Json("""{"voters": [{"envelopes": ["city"]}]}""")), HttpStatusCode.BadRequest);
        await AssertError(await official.PostAsync($"/api/elections/{id}/voters", Json("""{"voters": [{"id": "v", "envelopes": ["mars"]}]}""")), HttpStatusCode.BadRequest);
        await AssertError(await official.PostAsync($"/api/elections/{NewId("nope")}/voters", Json("""{"voters": [{"id": "v"}]}""")), HttpStatusCode.NotFound);
        await AssertError(await anonymous.PostAsync($"/api/elections/{id}/voters", Json("""{"voters": [{"id": "v"}]}""")), HttpStatusCode.Unauthorized);
        var registered = await Body(await official.GetAsync($"/api/elections/{id}"));
        Assert.Equal(0, registered.GetProperty("registeredVoters").GetInt64());

        // Open / close: officials only, unknown election.
        await AssertError(await anonymous.PostAsync($"/api/elections/{id}/open", null), HttpStatusCode.Unauthorized);
        await AssertError(await official.PostAsync($"/api/elections/{NewId("nope")}/open", null), HttpStatusCode.NotFound);
        Assert.Equal("draft", (await Body(await official.GetAsync($"/api/elections/{id}"))).GetProperty("status").GetString());

        using var login = await official.PostAsync("/api/login", null);
        Assert.Equal("official", (await Body(login)).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Results_are_hidden_from_the_public_until_close()
    {
        var (id, _, receipt, _) = await OpenWithOneBallot();
        using var anonymous = api.Anonymous();
        Assert.Contains("closes", await AssertError(await anonymous.GetAsync($"/api/elections/{id}/results"), HttpStatusCode.Forbidden));
        using (var wrong = api.WithBearer("not-the-token"))
            await AssertError(await wrong.GetAsync($"/api/elections/{id}/results"), HttpStatusCode.Unauthorized);
        await AssertError(await anonymous.GetAsync($"/api/elections/{NewId("nope")}/results"), HttpStatusCode.NotFound);
        await AssertError(await anonymous.GetAsync($"/api/elections/{id}/receipts/no-such-receipt"), HttpStatusCode.NotFound);

        using var official = api.Official();
        using (var close = await official.PostAsync($"/api/elections/{id}/close", null))
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        using var published = await anonymous.GetAsync($"/api/elections/{id}/results");
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(1, (await Body(published)).GetProperty("ballots").GetInt64());
        using var status = await anonymous.GetAsync($"/api/elections/{id}/receipts/{Uri.EscapeDataString(receipt)}");
        Assert.Equal("counted", (await Body(status)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Api_documentation_and_landing_page_are_served()
    {
        using var anonymous = api.Anonymous();
        using var openApi = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        var document = await Body(openApi);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/elections", "/api/elections/{id}", "/api/elections/{id}/voters", "/api/elections/{id}/open",
                     "/api/elections/{id}/close", "/api/elections/{id}/ballots", "/api/elections/{id}/results", "/api/elections/{id}/receipts/{receipt}" })
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
        using var scalar = await anonymous.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        using var home = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("text/html", home.Content.Headers.ContentType?.MediaType);
        var page = await home.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", page);
        Assert.Contains("href=\"/scalar\"", page);
    }
}
