using System.Net.Http.Headers;
using System.Text;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests.Abuse;

/// <summary>
/// Bad inputs and attacks over the API, the pages, the hub and the wire: each is refused exactly (status, problem
/// details and the stable start of its <c>error</c>), changes nothing readable through the API, and leaves no
/// unhandled exception in the host's log.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed partial class AbuseTests(AbuseHost host)
{
    /// <param name="Error">
    /// The start of the reason given, where <c>{open}</c>, <c>{draft}</c> and <c>{closed}</c> stand for the elections'
    /// ids; null where the answer has none (a page, a closed connection).
    /// </param>
    public sealed record Attack(string Name, Func<AbuseHost, Task<Answer>> Send, int Status, string? Error, string? ContentType = Answer.ProblemJson);

    private static IEnumerable<Attack> All => [.. Bodies, .. Definitions, .. Access, .. Pages, .. Hub, .. Wire];

    public static TheoryData<string> Names => new(All.Select(a => a.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Is_refused_and_changes_nothing(string name)
    {
        var attack = All.Single(a => a.Name == name);
        var logStart = host.Host.Output.Length;
        var answer = await attack.Send(host);

        Assert.True(attack.Status == answer.Status, $"expected {attack.Status}, got {answer}");
        Assert.Equal(attack.ContentType, answer.ContentType);
        if (attack.Error is not null)
        {
            var expected = attack.Error.Replace("{open}", host.Open, StringComparison.Ordinal)
                .Replace("{draft}", host.Draft, StringComparison.Ordinal).Replace("{closed}", host.Closed, StringComparison.Ordinal);
            Assert.StartsWith(expected, answer.Error ?? "(no reason given)", StringComparison.Ordinal);
        }
        // Short, whatever the size of the input.
        Assert.True(answer.Error is null || answer.Error.Length <= 600, answer.Error);

        await Task.Delay(300); // past the live results' coalescing interval
        Assert.Equal(host.Before, await host.Snapshot());
        AssertNoUnhandledException(host.Host.Output[logStart..]);
    }

    [Fact]
    public void The_suite_holds_at_least_60_distinct_attacks()
    {
        var names = All.Select(a => a.Name).ToArray();
        Assert.True(names.Length >= 60, $"{names.Length} attacks");
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
    }

    private static void AssertNoUnhandledException(string log)
    {
        var bad = log.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase)
                  || log.Contains("fail:", StringComparison.Ordinal) || log.Contains("crit:", StringComparison.Ordinal);
        Assert.False(bad, "the host logged an error:\n" + log);
    }

    private static async Task<Answer> Send(AbuseHost h, HttpMethod method, string path, string? token = null, HttpContent? content = null)
    {
        using var client = token is null ? h.Anonymous() : h.WithBearer(token);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        return await Answer.Of(await client.SendAsync(request));
    }

    private static Task<Answer> Get(AbuseHost h, string path, string? token = null) => Send(h, HttpMethod.Get, path, token);

    private static Task<Answer> Post(AbuseHost h, string path, string? token, HttpContent? content) => Send(h, HttpMethod.Post, path, token, content);

    /// <summary>Voter a casts <paramref name="json"/> in the open election.</summary>
    private static Task<Answer> CastAsA(AbuseHost h, string json) => Cast(h, h.Codes["a"], Json(json));

    private static Task<Answer> Cast(AbuseHost h, string? code, HttpContent content, string? election = null) =>
        Post(h, $"/api/elections/{election ?? h.Open}/ballots", code, content);

    private static ByteArrayContent Bytes(byte[] body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static string Repeat(char c, int count) => new(c, count);

    /// <summary>A raw HTTP/1.1 request to this host, closed after its answer.</summary>
    private static string RawRequest(AbuseHost h, string method, string path, string headers, string body = "") =>
        $"{method} {path} HTTP/1.1\r\nHost: {h.BaseAddress.Authority}\r\nConnection: close\r\n{headers}\r\n{body}";

    private static StringContent Text(string text, string mediaType) => new(text, Encoding.UTF8, mediaType);
}
