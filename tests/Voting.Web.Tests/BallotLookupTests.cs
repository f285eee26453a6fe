using System.Net;
using System.Text.Json;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests;

/// <summary><c>GET /api/elections/{id}/ballot</c>: a resident reads back the ballot that counts for them, with their invitation code.</summary>
[Collection(ApiCollection.Name)]
public sealed class BallotLookupTests(ApiHost api)
{
    private async Task<HttpResponseMessage> GetBallot(string election, string? code)
    {
        using var client = code is null ? api.Anonymous() : api.WithBearer(code);
        return await client.GetAsync($"/api/elections/{election}/ballot");
    }

    private async Task<JsonElement> CastOk(string election, string code, string json)
    {
        using var cast = await Cast(api, election, code, json);
        Assert.Equal(HttpStatusCode.Created, cast.StatusCode);
        return await Body(cast);
    }

    private static async Task<string> AssertError(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        var error = (await Body(response)).GetProperty("error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error!;
    }

    private static Dictionary<string, int> Grades(JsonElement ballot) =>
        ballot.GetProperty("grades").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task A_resident_reads_back_the_ballot_that_counts(int boxes)
    {
        var id = NewId("mine");
        var definition = Budget(id);
        definition["ballotBoxes"] = boxes;
        var voters = Enumerable.Range(0, 8).ToDictionary(i => $"v{i}", _ => new[] { "city", "district" });
        var codes = await Prepare(api, definition, voters, open: true);

        foreach (var code in codes.Values)
            using (var none = await GetBallot(id, code))
                await AssertError(none, HttpStatusCode.NotFound);

        var first = await CastOk(id, codes["v0"], """{"grades": {"p1": 4, "d1": 2}}""");
        var revote = await CastOk(id, codes["v0"], """{"grades": {"p2": 1}}""");
        var other = await CastOk(id, codes["v1"], """{"grades": {"p3": 0, "d2": 3}}""");

        using (var mine = await GetBallot(id, codes["v0"]))
        {
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
            Assert.Equal("no-store", mine.Headers.CacheControl?.ToString());
            var ballot = await Body(mine);
            Assert.Equal(revote.GetProperty("receipt").GetString(), ballot.GetProperty("receipt").GetString());
            Assert.NotEqual(first.GetProperty("receipt").GetString(), ballot.GetProperty("receipt").GetString());
            Assert.Equal(2, ballot.GetProperty("revision").GetInt64());
            Assert.Equal(new Dictionary<string, int> { ["p2"] = 1 }, Grades(ballot));
        }
        using (var theirs = await GetBallot(id, codes["v1"]))
        {
            var ballot = await Body(theirs);
            Assert.Equal(other.GetProperty("receipt").GetString(), ballot.GetProperty("receipt").GetString());
            Assert.Equal(1, ballot.GetProperty("revision").GetInt64());
            Assert.Equal(new Dictionary<string, int> { ["p3"] = 0, ["d2"] = 3 }, Grades(ballot));
        }
        foreach (var voter in voters.Keys.Except(["v0", "v1"]))
            using (var none = await GetBallot(id, codes[voter]))
                await AssertError(none, HttpStatusCode.NotFound);

        using (var unknown = await GetBallot(id, "0123456789ABCDEFGHJKMNPQRS"))
            await AssertError(unknown, HttpStatusCode.Unauthorized);
        using (var nonsense = await GetBallot(id, "not a code"))
            await AssertError(nonsense, HttpStatusCode.Unauthorized);
        using (var anonymous = await GetBallot(id, null))
            await AssertError(anonymous, HttpStatusCode.Unauthorized);
        using (var elsewhere = await GetBallot(NewId("nope"), codes["v0"]))
            await AssertError(elsewhere, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_endpoint_is_documented_for_residents()
    {
        using var anonymous = api.Anonymous();
        using var openApi = await anonymous.GetAsync("/openapi/v1.json");
        var get = (await Body(openApi)).GetProperty("paths").GetProperty("/api/elections/{id}/ballot").GetProperty("get");
        Assert.Equal("GetBallot", get.GetProperty("operationId").GetString());
        Assert.Equal(["Residents"], get.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["200", "401", "404", "429"], get.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
    }
}
