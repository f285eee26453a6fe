using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests;

/// <summary>A host of its own with tiny limits: casts and official requests beyond them get 429 with a reason.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Casts_and_logins_beyond_the_limit_get_429()
    {
        const string token = "rate-limit-official-token";
        await using var host = await HostProcess.Start(new Dictionary<string, string>
        {
            ["Voting:AdminToken"] = token,
            ["Voting:LoadSeeds"] = "false",
            ["Voting:RateLimiting:CastPerMinute"] = "3",
            ["Voting:RateLimiting:LoginPerMinute"] = "5",
        });

        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 8; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/login");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", i % 2 == 0 ? "guess-" + i : token);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()));
        }
        Assert.Equal(5, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);

        var castStatuses = new List<HttpStatusCode>();
        for (int i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/elections/nope/ballots") { Content = Json("""{"grades": {"p": 1}}""") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess-" + i);
            using var response = await client.SendAsync(request);
            castStatuses.Add(response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, castStatuses[^1]);
        Assert.True(castStatuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 2, string.Join(", ", castStatuses));
    }
}
