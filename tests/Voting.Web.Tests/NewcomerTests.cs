using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Xunit.Abstractions;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests;

/// <summary>A newcomer's first run: a fresh data folder, no configuration; the seeded elections are served quickly.</summary>
public sealed class NewcomerTests(ITestOutputHelper output)
{
    private static readonly string[] Seeded = ["citizen-vote-2026", "paris-2026"];

    private static bool HasSeeds(string body)
    {
        using var document = JsonDocument.Parse(body);
        var ids = document.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToHashSet();
        return Seeded.All(ids.Contains);
    }

    [Fact]
    public async Task The_host_starts_with_the_seeded_elections_and_restarts_idempotently()
    {
        var dataDir = HostProcess.NewDataDir();
        try
        {
            string token;
            string codesJson;
            await using (var host = await HostProcess.Start(dataDir: dataDir, ready: HasSeeds))
            {
                output.WriteLine($"Time to ready (process start to GET /api/elections with the seeded elections): {host.TimeToReady.TotalSeconds:0.00} s");
                Assert.True(host.TimeToReady < TimeSpan.FromSeconds(15), $"ready after {host.TimeToReady.TotalSeconds:0.0} s");

                // The console says where to browse and where the official's generated token is, never the token.
                Assert.True(await host.WaitForOutput("Official token:", TimeSpan.FromSeconds(10)), host.Output);
                var console = host.Output;
                output.WriteLine(console);
                Assert.Contains(host.BaseAddress.ToString().TrimEnd('/'), console);
                token = File.ReadAllText(Path.Combine(dataDir, "admin-token")).Trim();
                Assert.Contains($"Official token: generated on this first start, kept in {Path.Combine(dataDir, "admin-token")}", console);
                Assert.DoesNotContain(token, console);

                var elections = await Body(await host.Client.GetAsync("/api/elections"));
                foreach (var election in elections.EnumerateArray())
                    Assert.Equal("open", election.GetProperty("status").GetString());
                var paris = await Body(await host.Client.GetAsync("/api/elections/paris-2026"));
                var envelopes = paris.GetProperty("definition").GetProperty("envelopes").EnumerateArray().ToArray();
                Assert.Equal(["paris", "paris-11", "paris-20"], envelopes.Select(e => e.GetProperty("id").GetString()!));
                Assert.Equal("J'adore", paris.GetProperty("definition").GetProperty("grades")[4].GetProperty("fr").GetString());
                Assert.Equal(20, paris.GetProperty("registeredVoters").GetInt64());

                // The seed codes let a newcomer cast a ballot.
                codesJson = File.ReadAllText(Path.Combine(dataDir, "seed-codes.json"));
                var codes = JsonDocument.Parse(codesJson).RootElement;
                Assert.Equal(20, codes.GetProperty("paris-2026").EnumerateObject().Count());
                Assert.Equal(20, codes.GetProperty("citizen-vote-2026").EnumerateObject().Count());
                var code = codes.GetProperty("citizen-vote-2026").GetProperty("seed-001").GetString()!;
                using var ballot = new HttpRequestMessage(HttpMethod.Post, "/api/elections/citizen-vote-2026/ballots")
                {
                    Content = Json("""{"grades": {"pour": 4, "contre": 0, "ete": 2}}"""),
                };
                ballot.Headers.Authorization = new AuthenticationHeaderValue("Bearer", code);
                using var cast = await host.Client.SendAsync(ballot);
                Assert.True(cast.StatusCode == HttpStatusCode.Created, await cast.Content.ReadAsStringAsync());
            }

            // Restart on the same folder: nothing duplicated, the token kept, the codes unchanged, the ballot still there.
            await using (var again = await HostProcess.Start(dataDir: dataDir, ready: HasSeeds))
            {
                output.WriteLine($"Time to ready on restart: {again.TimeToReady.TotalSeconds:0.00} s");
                var elections = await Body(await again.Client.GetAsync("/api/elections"));
                Assert.Equal(Seeded, elections.EnumerateArray().Select(e => e.GetProperty("id").GetString()!).Order());
                Assert.Equal(token, File.ReadAllText(Path.Combine(dataDir, "admin-token")).Trim());
                Assert.Equal(codesJson, File.ReadAllText(Path.Combine(dataDir, "seed-codes.json")));
                Assert.True(await again.WaitForOutput("Official token: from", TimeSpan.FromSeconds(10)), again.Output);
                Assert.DoesNotContain(token, again.Output);

                using var results = new HttpRequestMessage(HttpMethod.Get, "/api/elections/citizen-vote-2026/results");
                results.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await again.Client.SendAsync(results);
                Assert.Equal(1, (await Body(response)).GetProperty("ballots").GetInt64());
            }
        }
        finally
        {
            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
