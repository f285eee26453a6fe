using System.Net;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests;

/// <summary>
/// Residents who cast at the same moment: the node sends their casts to the ballot box together, and each resident
/// still gets the answer to their own ballot, refused or taken.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ConcurrentCastTests(ApiHost api)
{
    [Fact]
    public async Task Casts_sent_at_once_each_get_their_own_answer()
    {
        var id = NewId("at-once");
        // Even voters may grade the district, odd ones the city only.
        var voters = Enumerable.Range(0, 120).ToDictionary(i => $"v{i}", i => i % 2 == 0 ? new[] { "city", "district" } : ["city"]);
        var codes = await Prepare(api, Budget(id), voters, open: true);

        // Every third voter sends a grade outside the scale; odd voters among the others grade a district project.
        string BallotOf(int i) => i % 3 == 0 ? """{"grades": {"p1": 9}}""" : $$$"""{"grades": {"p{{{i % 3 + 1}}}": {{{i % 5}}}, "d1": {{{(i + 1) % 5}}}}}""";
        var answers = await Task.WhenAll(Enumerable.Range(0, 120).Select(async i =>
        {
            using var response = await Cast(api, id, codes[$"v{i}"], BallotOf(i));
            return (response.StatusCode, Body: await Body(response));
        }));

        for (int i = 0; i < 120; i++)
        {
            var (status, body) = answers[i];
            var expected = i % 3 == 0 ? HttpStatusCode.BadRequest : i % 2 == 1 ? HttpStatusCode.Forbidden : HttpStatusCode.Created;
            Assert.True(expected == status, $"voter {i}: {status}, expected {expected}: {body}");
            if (status != HttpStatusCode.Created) continue;

            using var reader = api.WithBearer(codes[$"v{i}"]);
            using var ballot = await reader.GetAsync($"/api/elections/{id}/ballot");
            var counted = await Body(ballot);
            Assert.Equal(body.GetProperty("receipt").GetString(), counted.GetProperty("receipt").GetString());
            Assert.Equal(i % 5, counted.GetProperty("grades").GetProperty($"p{i % 3 + 1}").GetInt32());
            Assert.Equal((i + 1) % 5, counted.GetProperty("grades").GetProperty("d1").GetInt32());
        }
    }
}
