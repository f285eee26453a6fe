using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Voting.Browser.Tests;

/// <summary>
/// The officials' live dashboard: it follows the published snapshots without a reload (a batch of
/// <c>Voting:LiveResults:MinBallots</c> ballots, 10 by default, and never fewer), shows what the API counts, and the
/// exact count once the vote is closed; residents and visitors are sent to the officials' sign-in.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class LiveDashboardTests(Site site)
{
    private const int Batch = 10;
    private const int Voters = 20;
    private const int DistrictOnly = 5;

    [Fact]
    public async Task An_official_sees_each_published_batch_without_reloading_and_the_final_count_at_close()
    {
        var (election, codes) = await site.NewOpenElection("live", Voters, DistrictOnly);
        await using var context = await site.NewContext();
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        var circuit = page.WaitForWebSocketAsync(new() { Predicate = socket => socket.Url.Contains("/_blazor", StringComparison.Ordinal) });

        // Sent to the sign-in, and back to the dashboard once signed in.
        await page.GotoAsync($"/elections/{election}/live");
        Assert.Contains("/official/sign-in", page.Url);
        await Site.SignInAsAdministrator(page);
        await page.WaitForURLAsync($"**/elections/{election}/live");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Live results");
        await circuit;
        var policy = (await page.APIRequest.GetAsync($"/elections/{election}/live")).Headers["content-security-policy"];
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("unsafe-eval", policy);

        var counted = page.Locator("dl.figures dt", new() { HasTextString = "Ballots counted" }).Locator("xpath=following-sibling::dd[1]");
        await Expect(counted).ToHaveTextAsync("0");
        // A reload would lose this mark.
        await page.EvaluateAsync("() => window.notReloaded = true");

        // One ballot fewer than a batch: the API counts them (officials' results are exact and live), the dashboard does not show them.
        for (var i = 0; i < Batch - 1; i++)
            await site.CastBallot(election, codes[i], Grades(i));
        Assert.Equal(Batch - 1, (await site.OfficialResults(election)).GetProperty("ballots").GetInt64());
        await page.WaitForTimeoutAsync(1500);
        await Expect(counted).ToHaveTextAsync("0");

        // The ballot that completes the batch: the dashboard shows the snapshot, equal to the API's count.
        await site.CastBallot(election, codes[Batch - 1], Grades(Batch - 1));
        await Expect(counted).ToHaveTextAsync(Batch.ToString(CultureInfo.InvariantCulture), new() { Timeout = 2000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{Batch} ballots counted");
        await AssertShows(page, await site.OfficialResults(election));
        await Site.Screenshot(page, "live-dashboard");

        // Fewer than a batch, then the close: the exact final count.
        for (var i = Batch; i < Batch + 3; i++)
            await site.CastBallot(election, codes[i], Grades(i));
        await site.CloseElection(election);
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The vote is closed: these are the final results.", new() { Timeout = 5000 });
        await Expect(counted).ToHaveTextAsync((Batch + 3).ToString(CultureInfo.InvariantCulture));
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
        await AssertShows(page, await site.OfficialResults(election));
        await Site.Screenshot(page, "live-dashboard-closed");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task The_dashboard_updates_in_the_language_of_the_official()
    {
        var (election, codes) = await site.NewOpenElection("live-fr", Voters, DistrictOnly);
        await using var context = await site.NewContext("fr-FR");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/elections/{election}/live");
        await page.GetByLabel("Nom d'utilisateur", new() { Exact = true }).FillAsync("admin");
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(Site.AdminToken);
        await page.Locator("form.sign-in-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync($"**/elections/{election}/live");
        var counted = page.Locator("dl.figures dt", new() { HasTextString = "Bulletins comptés" }).Locator("xpath=following-sibling::dd[1]");
        await Expect(counted).ToHaveTextAsync("0");

        for (var i = 0; i < Batch; i++)
            await site.CastBallot(election, codes[i], Grades(i));
        await Expect(counted).ToHaveTextAsync(Batch.ToString(CultureInfo.InvariantCulture), new() { Timeout = 2000 });
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{Batch} bulletins comptés");
        var city = page.GetByRole(AriaRole.Table, new() { Name = "Participation", Exact = true }).Locator("tbody tr").First;
        Assert.Equal(["Toute la ville", $"{Batch}", $"{Voters}", "50 %"], await city.Locator("th, td").AllInnerTextsAsync());
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Mention majoritaire" }).First).ToBeVisibleAsync();
        await Site.Screenshot(page, "live-dashboard-updated-fr");
    }

    [Fact]
    public async Task A_resident_or_a_visitor_is_sent_to_the_officials_sign_in()
    {
        await using var context = await site.NewContext();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/elections/{site.Open}/live");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Officials' sign-in");
        await Expect(page.GetByText("Ballots counted")).ToHaveCountAsync(0);

        await Site.SignIn(page, site.NewOpenCode(), site.Open);
        await Expect(page.Locator("form.ballot")).ToBeVisibleAsync();
        await page.GotoAsync($"/elections/{site.Open}/live");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Officials' sign-in");
        await Expect(page.GetByText("Ballots counted")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_dashboard_says_so_when_its_connection_to_the_server_is_lost()
    {
        // A host of its own, to be killed.
        await using var host = await HostProcess.Start(new Dictionary<string, string>
        {
            ["Voting:AdminToken"] = Site.AdminToken,
            ["Voting:LoadSeeds"] = "false",
        });
        var election = await Site.NewOpenElectionOn(host, "gone");
        await using var context = await site.Browser.NewContextAsync(new() { BaseURL = host.BaseAddress.ToString(), Locale = "en-US" });
        var page = await context.NewPageAsync();
        // The circuit is up once the server sends the dashboard's first render over it.
        var rendered = new TaskCompletionSource();
        page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/_blazor", StringComparison.Ordinal))
                socket.FrameReceived += (_, frame) => { if (frame.Binary is { Length: > 200 }) rendered.TrySetResult(); };
        };
        await page.GotoAsync($"/elections/{election}/live");
        await Site.SignInAsAdministrator(page);
        await page.WaitForURLAsync($"**/elections/{election}/live");
        await rendered.Task.WaitAsync(TimeSpan.FromSeconds(15));

        var lost = page.GetByRole(AriaRole.Alert).Filter(new() { HasTextString = "The connection to the server was lost; reconnecting" });
        await Expect(lost).ToBeHiddenAsync();
        await host.Kill();
        await Expect(lost).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Site.Screenshot(page, "live-dashboard-reconnecting");
    }

    /// <summary>A ballot in both envelopes whose grades vary with <paramref name="i"/>.</summary>
    private static string Grades(int i) =>
        $$"""{"p1": {{2 + i % 3}}, "p2": {{i % 2}}, "p3": {{i * 7 % 5}}, "d1": {{4 - i % 3}}, "d2": {{i % 4}}}""";

    /// <summary>The dashboard's figures and tables hold what <paramref name="results"/> (the API's) says.</summary>
    private static async Task AssertShows(IPage page, JsonElement results)
    {
        var ballots = results.GetProperty("ballots").GetInt64();
        await Expect(page.Locator("dl.figures dd").First).ToHaveTextAsync(ballots.ToString("N0", CultureInfo.InvariantCulture));

        var turnout = page.GetByRole(AriaRole.Table, new() { Name = "Turnout", Exact = true });
        Assert.Equal(["Envelope", "Ballots", "Registered voters", "Turnout"], await turnout.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync());
        var registered = new Dictionary<string, int> { ["city"] = Voters, ["district"] = Voters + DistrictOnly };
        var turnoutRows = await turnout.Locator("tbody tr").AllAsync();
        var envelopes = results.GetProperty("envelopes").EnumerateArray().ToArray();
        Assert.Equal(envelopes.Length, turnoutRows.Count);
        for (var e = 0; e < envelopes.Length; e++)
        {
            var id = envelopes[e].GetProperty("id").GetString()!;
            var judges = envelopes[e].GetProperty("judges").GetInt64();
            var share = Math.Round(100m * judges / registered[id], MidpointRounding.AwayFromZero);
            Assert.Equal([Site.Envelopes[id].En, $"{judges}", $"{registered[id]}", $"{share}%"], await turnoutRows[e].Locator("th, td").AllInnerTextsAsync());
        }

        foreach (var envelope in envelopes)
        {
            var title = Site.Envelopes[envelope.GetProperty("id").GetString()!].En;
            var ranking = envelope.GetProperty("ranking").EnumerateArray().ToArray();
            var section = page.GetByRole(AriaRole.Region, new() { Name = title, Exact = true });
            var rows = await section.GetByRole(AriaRole.Table, new() { Name = title, Exact = true }).Locator("tbody tr").AllAsync();
            Assert.Equal(ranking.Length, rows.Count);
            var profiles = await section.Locator(".profile-table tbody tr").AllAsync();
            Assert.Equal(ranking.Length, profiles.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                var project = Site.Projects[ranking[i].GetProperty("project").GetString()!].En;
                string[] expected =
                [
                    ranking[i].GetProperty("rank").GetInt32().ToString(CultureInfo.InvariantCulture),
                    project,
                    Site.Grades[ranking[i].GetProperty("majorityGrade").GetInt32()].En,
                ];
                Assert.Equal(expected, await rows[i].Locator("th, td").AllInnerTextsAsync());
                var counts = (await profiles[i].Locator("td").AllTextContentsAsync()).Select(cell => cell.Split(' ')[0]);
                Assert.Equal(project, await profiles[i].Locator("th").TextContentAsync());
                Assert.Equal(ranking[i].GetProperty("profile").EnumerateArray().Select(c => c.GetInt64().ToString(CultureInfo.InvariantCulture)), counts);
            }
        }
    }
}
