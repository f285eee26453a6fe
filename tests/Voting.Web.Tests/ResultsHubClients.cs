using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace Voting.Web.Tests;

/// <summary>Clients of the live results hub as the tests drive them: how they authenticate, and the snapshots they receive.</summary>
public static class ResultsHubClients
{
    public const string Path = "/hubs/results";

    /// <summary>A client of <paramref name="baseAddress"/>'s hub (<paramref name="path"/> may carry a query string).</summary>
    public static HubConnection Connect(Uri baseAddress, Action<HttpConnectionOptions>? configure = null, string path = Path) =>
        new HubConnectionBuilder().WithUrl(new Uri(baseAddress, path), options => configure?.Invoke(options)).Build();

    /// <summary>A client sending <paramref name="token"/> (when there is one) as <c>Authorization: Bearer</c>, as the .NET client does.</summary>
    public static HubConnection WithBearer(Uri baseAddress, string? token) =>
        Connect(baseAddress, options =>
        {
            if (token is not null)
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
        });

    /// <summary>A client sending the cookies of <paramref name="cookies"/>, as a browser does.</summary>
    public static HubConnection WithCookies(Uri baseAddress, CookieContainer cookies) =>
        Connect(baseAddress, options => options.Cookies = cookies);

    public static Channel<JsonElement> Listen(HubConnection connection)
    {
        var messages = Channel.CreateUnbounded<JsonElement>();
        connection.On<JsonElement>("results", results => messages.Writer.TryWrite(results));
        return messages;
    }

    public static async Task<JsonElement> Next(Channel<JsonElement> messages, Func<JsonElement, bool> until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var message = await messages.Reader.ReadAsync(timeout.Token);
            if (until(message))
                return message;
        }
    }

    /// <summary>Waits long enough for the boxes to push their tallies a few times (every 250 ms), then checks that no snapshot but the one already received (which may come twice) arrived.</summary>
    public static async Task AssertNothingNew(Channel<JsonElement> messages, long ballots)
    {
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        while (messages.Reader.TryRead(out var message))
            Assert.Equal(ballots, Ballots(message));
    }

    public static long Ballots(JsonElement results) => results.GetProperty("ballots").GetInt64();
}
