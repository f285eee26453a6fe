using System.Net;
using System.Text.Json;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests;

[Collection(ApiCollection.Name)]
public sealed class HappyPathTests(ApiHost api)
{
    [Fact]
    public async Task Create_import_open_cast_revote_close_results()
    {
        var id = NewId("happy");
        using var official = api.Official();
        using var anonymous = api.Anonymous();

        // Create: 201, Location, the election with its definition and status.
        using (var created = await official.PostAsync("/api/elections", Json(Budget(id))))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal($"/api/elections/{id}", created.Headers.Location?.OriginalString);
            var body = await Body(created);
            Assert.Equal(id, body.GetProperty("id").GetString());
            Assert.Equal("draft", body.GetProperty("status").GetString());
            var definition = body.GetProperty("definition");
            Assert.Equal(id, definition.GetProperty("id").GetString());
            Assert.Equal("budget", definition.GetProperty("kind").GetString());
            Assert.Equal("J'adore", definition.GetProperty("grades")[4].GetProperty("fr").GetString());
            Assert.Equal(2, definition.GetProperty("envelopes").GetArrayLength());
        }

        // Listed for officials while a draft; hidden from everyone else until it opens.
        using (var list = await official.GetAsync("/api/elections"))
        {
            var body = await Body(list);
            Assert.Equal(JsonValueKind.Array, body.ValueKind);
            var row = body.EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);
            Assert.Equal("draft", row.GetProperty("status").GetString());
            Assert.Equal("Test budget", row.GetProperty("title").GetProperty("en").GetString());
        }
        using (var list = await anonymous.GetAsync("/api/elections"))
            Assert.DoesNotContain((await Body(list)).EnumerateArray(), e => e.GetProperty("id").GetString() == id);

        // Voters: one code each, returned once.
        Dictionary<string, string> codes;
        using (var imported = await official.PostAsync($"/api/elections/{id}/voters", Json("""
            {"voters": [{"id": "ext-1", "envelopes": ["city", "district"]}, {"id": "ext-2", "envelopes": ["city"]}]}
            """)))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
            codes = (await Body(imported)).GetProperty("codes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        }
        Assert.Equal(["ext-1", "ext-2"], codes.Keys.Order());
        Assert.NotEqual(codes["ext-1"], codes["ext-2"]);

        using (var opened = await official.PostAsync($"/api/elections/{id}/open", null))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            Assert.Equal("open", (await Body(opened)).GetProperty("status").GetString());
        }
        using (var get = await anonymous.GetAsync($"/api/elections/{id}"))
        {
            var body = await Body(get);
            Assert.Equal("open", body.GetProperty("status").GetString());
            Assert.Equal(2, body.GetProperty("registeredVoters").GetInt64());
            Assert.Equal(id, body.GetProperty("definition").GetProperty("id").GetString());
        }

        // Cast: 201 {receipt, revision}.
        string firstReceipt;
        long firstRevision;
        using (var cast = await Cast(api, id, codes["ext-1"], """{"grades": {"p1": 4, "p2": 1, "p3": 2, "d1": 3}}"""))
        {
            Assert.Equal(HttpStatusCode.Created, cast.StatusCode);
            var body = await Body(cast);
            firstReceipt = body.GetProperty("receipt").GetString()!;
            firstRevision = body.GetProperty("revision").GetInt64();
            Assert.False(string.IsNullOrEmpty(firstReceipt));
        }
        using (var cast = await Cast(api, id, codes["ext-2"], """{"grades": {"p1": 3, "p2": 3, "p3": 0}}"""))
            Assert.Equal(HttpStatusCode.Created, cast.StatusCode);

        // Revote: a higher revision, a new receipt, the first one replaced.
        string secondReceipt;
        using (var revote = await Cast(api, id, codes["ext-1"], """{"grades": {"p1": 0, "p2": 4, "p3": 4, "d1": 3, "d2": 2}}"""))
        {
            Assert.Equal(HttpStatusCode.Created, revote.StatusCode);
            var body = await Body(revote);
            secondReceipt = body.GetProperty("receipt").GetString()!;
            Assert.True(body.GetProperty("revision").GetInt64() > firstRevision);
            Assert.NotEqual(firstReceipt, secondReceipt);
        }
        using (var receipt = await anonymous.GetAsync($"/api/elections/{id}/receipts/{Uri.EscapeDataString(firstReceipt)}"))
        {
            var body = await Body(receipt);
            Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
            Assert.Equal(firstReceipt, body.GetProperty("receipt").GetString());
            Assert.Equal("replaced", body.GetProperty("status").GetString());
            Assert.False(body.TryGetProperty("grades", out _));
        }
        using (var receipt = await anonymous.GetAsync($"/api/elections/{id}/receipts/{Uri.EscapeDataString(secondReceipt)}"))
        {
            var body = await Body(receipt);
            Assert.Equal("counted", body.GetProperty("status").GetString());
            Assert.Contains("city", body.GetProperty("envelopes").EnumerateArray().Select(e => e.GetString()));
        }

        // Live results for the official; hidden from the public.
        using (var hidden = await anonymous.GetAsync($"/api/elections/{id}/results"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, hidden.StatusCode);
            Assert.Contains("closes", (await Body(hidden)).GetProperty("error").GetString());
        }
        var live = await WaitForBallots(id, 2);
        var city = Envelope(live, "city");
        // p2: [0,1,0,1... ] -> ext-1 gave 4, ext-2 gave 3: profile [0,0,0,1,1]; p1: 0 and 3 -> [1,0,0,1,0].
        Assert.Equal([0L, 0, 0, 1, 1], Profile(city, "p2"));
        Assert.Equal([1L, 0, 0, 1, 0], Profile(city, "p1"));
        Assert.Equal([1L, 0, 0, 0, 1], Profile(city, "p3"));
        var district = Envelope(live, "district");
        // Only ext-1 voted in the district: d1 3, d2 2.
        Assert.Equal([0L, 0, 0, 1, 0], Profile(district, "d1"));
        Assert.Equal([0L, 0, 1, 0, 0], Profile(district, "d2"));

        // Close: then the results are public, with the exact shape.
        using (var closed = await official.PostAsync($"/api/elections/{id}/close", null))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
            Assert.Equal("closed", (await Body(closed)).GetProperty("status").GetString());
        }
        using (var late = await Cast(api, id, codes["ext-2"], """{"grades": {"p1": 4}}"""))
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);

        using var published = await anonymous.GetAsync($"/api/elections/{id}/results");
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var results = await Body(published);
        Assert.True(results.GetProperty("version").GetInt64() >= 3);
        Assert.Equal(2, results.GetProperty("ballots").GetInt64());
        var envelopes = results.GetProperty("envelopes");
        Assert.Equal(["city", "district"], envelopes.EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
        city = Envelope(results, "city");
        var ranking = city.GetProperty("ranking").EnumerateArray().ToArray();
        Assert.Equal(3, ranking.Length);
        foreach (var entry in ranking)
        {
            Assert.Equal(JsonValueKind.String, entry.GetProperty("project").ValueKind);
            Assert.Equal(JsonValueKind.Number, entry.GetProperty("rank").ValueKind);
            Assert.Equal(JsonValueKind.Number, entry.GetProperty("majorityGrade").ValueKind);
            Assert.Equal(5, entry.GetProperty("profile").GetArrayLength());
        }
        // p2 [0,0,0,1,1] majority grade 3 ranks first.
        Assert.Equal("p2", ranking[0].GetProperty("project").GetString());
        Assert.Equal(1, ranking[0].GetProperty("rank").GetInt32());
        Assert.Equal(3, ranking[0].GetProperty("majorityGrade").GetInt32());
        Assert.True(city.TryGetProperty("allocation", out var allocation),
            "a budget envelope's results carry its allocation {selected, cost} (Voting.Core EnvelopeAllocation): " + city);
        Assert.Equal(JsonValueKind.Array, allocation.GetProperty("selected").ValueKind);
        Assert.Equal("p2", allocation.GetProperty("selected")[0].GetString());
        Assert.True(allocation.GetProperty("cost").GetInt64() <= 1000);
    }

    private async Task<JsonElement> WaitForBallots(string id, long ballots)
    {
        JsonElement results = default;
        for (int i = 0; i < 100; i++)
        {
            results = await OfficialResults(api, id);
            if (results.GetProperty("ballots").GetInt64() == ballots)
                return results;
            await Task.Delay(100);
        }
        Assert.Fail($"the results never showed {ballots} ballots: {results}");
        return results;
    }

    internal static JsonElement Envelope(JsonElement results, string id) =>
        results.GetProperty("envelopes").EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);

    internal static long[] Profile(JsonElement envelope, string project) =>
        envelope.GetProperty("ranking").EnumerateArray()
            .Single(p => p.GetProperty("project").GetString() == project)
            .GetProperty("profile").EnumerateArray().Select(c => c.GetInt64()).ToArray();
}
