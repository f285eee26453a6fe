using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Voting.Core.Record;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests;

/// <summary>
/// The API's official calls on an election are recorded in its audit trail with the caller (<c>token</c> for the
/// official token) and the caller's address; the trail is for officials at <c>GET /api/elections/{id}/trail</c> and is
/// published in the record.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuditTrailTests(ApiHost api)
{
    [Fact]
    public async Task Official_calls_are_recorded_with_the_caller_and_its_address_and_published_in_the_record()
    {
        var id = NewId("trail");
        using var official = api.Official();
        using var anonymous = api.Anonymous();

        var before = DateTimeOffset.UtcNow;
        using (var created = await official.PostAsync("/api/elections", Json(Budget(id))))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var roll = new JsonObject { ["voters"] = new JsonArray(new JsonObject { ["id"] = "v1" }, new JsonObject { ["id"] = "v2" }) };
        using (var imported = await official.PostAsync($"/api/elections/{id}/voters", Json(roll)))
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        using (var opened = await official.PostAsync($"/api/elections/{id}/open", null))
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        using (var again = await official.PostAsync($"/api/elections/{id}/open", null))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using (var closed = await official.PostAsync($"/api/elections/{id}/close", null))
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var after = DateTimeOffset.UtcNow;

        using (var refused = await anonymous.GetAsync($"/api/elections/{id}/trail"))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using (var unknown = await official.GetAsync($"/api/elections/{NewId("nope")}/trail"))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        JsonElement[] trail;
        using (var response = await official.GetAsync($"/api/elections/{id}/trail"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            trail = (await Body(response)).EnumerateArray().ToArray();
        }
        Assert.Equal(["create", "import", "open", "close"], trail.Select(e => e.GetProperty("action").GetString()));
        Assert.All(trail, e => Assert.Equal(("token", "127.0.0.1"), (e.GetProperty("actor").GetString(), e.GetProperty("address").GetString())));
        Assert.Equal(2, trail[1].GetProperty("voters").GetInt64());
        var times = trail.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToArray();
        Assert.All(times, at => Assert.InRange(at, before, after));
        Assert.Equal(times.Order(), times);

        // The record publishes the same trail, and verifies.
        var zip = Path.Combine(Path.GetTempPath(), $"{id}-record.zip");
        try
        {
            using (var response = await anonymous.GetAsync($"/api/elections/{id}/record"))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                await File.WriteAllBytesAsync(zip, await response.Content.ReadAsByteArrayAsync());
            }
            var report = RecordVerifier.Verify(zip);
            Assert.True(report.Passed, report.ToString());
            using var record = ElectionRecordReader.Open(zip);
            Assert.Equal(
                trail.Select(e => (e.GetProperty("at").GetDateTimeOffset(), e.GetProperty("actor").GetString(), e.GetProperty("address").GetString())),
                record.ReadTrail().Select(e => (e.At, (string?)e.Actor, (string?)e.Address)));
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Fact]
    public async Task The_api_reference_documents_the_trails()
    {
        using var anonymous = api.Anonymous();
        using var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await Body(response)).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/elections/{id}/trail", out var election), "OpenAPI lacks the election's trail");
        Assert.True(paths.TryGetProperty("/api/officials/trail", out _), "OpenAPI lacks the accounts' trail");
        Assert.True(election.GetProperty("get").GetProperty("responses").TryGetProperty("200", out _));
    }
}
