using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Voting.Web.Tests.Abuse;

/// <summary>How the server answered an attack: the status (0 when it closed the connection without a word), the content type and the reason it gave.</summary>
public sealed record Answer(int Status, string? ContentType, string? Error)
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>An HTTP answer; the reason is the problem's <c>error</c> member when the body is one.</summary>
    public static async Task<Answer> Of(HttpResponseMessage response)
    {
        using (response)
        {
            var type = response.Content.Headers.ContentType?.MediaType;
            var body = await response.Content.ReadAsStringAsync();
            return new Answer((int)response.StatusCode, type, type == ProblemJson ? ErrorOf(body) : null);
        }
    }

    /// <summary>A page's answer, its reason saying whether the page holds <paramref name="text"/>.</summary>
    public static async Task<Answer> Page(HttpResponseMessage response, string text)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                body.Contains(text, StringComparison.Ordinal) ? "shows " + text : "does not show " + text);
        }
    }

    /// <summary>A hub invocation: the reason of the <see cref="HubException"/> it ended with (status 0), or "joined".</summary>
    public static async Task<Answer> Hub(Uri baseAddress, string? token, Func<HubConnection, Task> invoke)
    {
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/results"), options =>
            {
                if (token is not null)
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        await connection.StartAsync();
        try
        {
            await invoke(connection);
            return new Answer(0, null, "joined");
        }
        catch (HubException e)
        {
            // The client prefixes the server's reason: "An unexpected error occurred invoking 'X' on the server. HubException: reason".
            const string marker = "HubException: ";
            var at = e.Message.IndexOf(marker, StringComparison.Ordinal);
            return new Answer(0, null, at < 0 ? e.Message : e.Message[(at + marker.Length)..]);
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> as is over a raw socket, optionally shutting the sending side (a body cut
    /// short), and reads what comes back until the server closes the connection.
    /// </summary>
    public static async Task<Answer> Raw(Uri baseAddress, string request, bool endSending = false)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        if (endSending)
            client.Client.Shutdown(SocketShutdown.Send);
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
                received.Write(buffer, 0, read);
        }
        catch (IOException)
        {
            // reset by the server after its answer
        }
        return Parse(received.ToArray());
    }

    private static Answer Parse(byte[] response)
    {
        if (response.Length == 0)
            return new Answer(0, null, null);
        var headerEnd = response.AsSpan().IndexOf("\r\n\r\n"u8);
        var head = Encoding.ASCII.GetString(headerEnd < 0 ? response : response[..headerEnd]).Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        string? Header(string name) => head.Skip(1)
            .Where(h => h.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            .Select(h => h[(name.Length + 1)..].Trim()).FirstOrDefault();
        var body = headerEnd < 0 ? [] : response[(headerEnd + 4)..];
        if (Header("Transfer-Encoding") == "chunked")
            body = Dechunk(body);
        var type = Header("Content-Type")?.Split(';')[0];
        return new Answer(status, type, type == ProblemJson ? ErrorOf(Encoding.UTF8.GetString(body)) : null);
    }

    private static byte[] Dechunk(byte[] body)
    {
        var text = new MemoryStream();
        int at = 0;
        while (at < body.Length)
        {
            var lineEnd = at + body.AsSpan(at).IndexOf("\r\n"u8);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body[at..lineEnd]), 16);
            if (size == 0)
                break;
            text.Write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return text.ToArray();
    }

    private static string? ErrorOf(string body) =>
        JsonDocument.Parse(body).RootElement.TryGetProperty("error", out var error) ? error.GetString() : null;
}
