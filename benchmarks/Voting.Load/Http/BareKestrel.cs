using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Voting.Core.Json;
using Voting.Web;

namespace Voting.Load.Http;

/// <summary>
/// The baseline: Kestrel on a loopback port with one endpoint at the ballot path that reads the bearer, parses the
/// same JSON body into the API's own request type with the API's JSON options, and answers 201 with a receipt. No
/// engine behind it: what a node could do at most on this machine.
/// </summary>
public sealed class BareKestrel : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareKestrel(WebApplication app, Uri address) => (_app, Address) = (app, address);

    public Uri Address { get; }

    public static async Task<BareKestrel> StartAsync(string ballotPath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        long revision = 0;
        app.MapPost(ballotPath, async (HttpContext http) =>
        {
            if (Bearer.From(http.Request) is null) return Results.Unauthorized();
            var ballot = await http.Request.ReadFromJsonAsync<BallotRequest>(VotingJson.Options);
            if (ballot?.Grades is null) return Results.BadRequest();
            var n = Interlocked.Increment(ref revision);
            return Results.Json(new BallotResponse($"bare-{n}", n), VotingJson.Options, statusCode: StatusCodes.Status201Created);
        });
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        return new BareKestrel(app, address);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
