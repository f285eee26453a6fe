using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Voting.Browser.Tests;

/// <summary>The pages from a <c>dotnet publish</c> folder run in Production: stylesheet, scripts, translations and seeds come along.</summary>
public sealed class PublishTests
{
    [Fact]
    public async Task A_published_host_serves_the_pages_in_production()
    {
        var folder = Path.Combine(Path.GetTempPath(), "voting-publish-tests", Guid.NewGuid().ToString("n"));
        try
        {
            await Publish(folder);
            await using var host = await HostProcess.Start(
                new Dictionary<string, string> { ["environment"] = "Production" },
                ready: body => body.Contains("paris-2026", StringComparison.Ordinal),
                hostDll: Path.Combine(folder, "Voting.Host.dll"));

            using var home = new HttpRequestMessage(HttpMethod.Get, "/");
            home.Headers.AcceptLanguage.ParseAdd("fr-FR");
            using var response = await host.Client.SendAsync(home);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("<html lang=\"fr\">", page);
            Assert.Contains("<h1>Scrutins</h1>", page);
            Assert.Contains("Budget participatif de Paris 2026", page);
            Assert.Contains("<link rel=\"stylesheet\" href=\"/site.css\">", page);

            using var stylesheet = await host.Client.GetAsync("/site.css");
            Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
            Assert.Equal("text/css", stylesheet.Content.Headers.ContentType?.MediaType);
            Assert.Contains(".tone-0", await stylesheet.Content.ReadAsStringAsync());

            // The live dashboard's scripts: Blazor's (interactive server rendering) and the one that starts it.
            foreach (var script in new[] { "/_framework/blazor.web.js", "/live.js" })
            {
                using var served = await host.Client.GetAsync(script);
                Assert.Equal(HttpStatusCode.OK, served.StatusCode);
                Assert.Equal("text/javascript", served.Content.Headers.ContentType?.MediaType);
                Assert.Contains("Blazor", await served.Content.ReadAsStringAsync());
            }
            // The dashboard itself is for officials: a visitor is sent to their sign-in, to come back after.
            using var dashboard = await host.Client.GetAsync("/elections/paris-2026/live");
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
            Assert.Equal("/official/sign-in", dashboard.RequestMessage?.RequestUri?.AbsolutePath);
            Assert.Contains("ReturnUrl=%2Felections%2Fparis-2026%2Flive", dashboard.RequestMessage?.RequestUri?.Query);
            await A_signed_in_official_sees_the_dashboard_follow_a_batch(host);
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// In Chromium: the dashboard's circuit connects under the page's Content-Security-Policy (no violation, no script
    /// error) and shows a batch of ballots cast through the API with the seeds' invitation codes, without a reload.
    /// </summary>
    private static async Task A_signed_in_official_sees_the_dashboard_follow_a_batch(HostProcess host)
    {
        const string election = "citizen-vote-2026";
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Site.LaunchChromium(playwright);
        await using var context = await browser.NewContextAsync(new() { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        var circuit = page.WaitForWebSocketAsync(new() { Predicate = socket => socket.Url.Contains("/_blazor", StringComparison.Ordinal) });

        await page.GotoAsync($"/elections/{election}/live");
        await page.GetByLabel("User name", new() { Exact = true }).FillAsync("admin");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(File.ReadAllText(Path.Combine(host.DataDir, "admin-token")).Trim());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/elections/{election}/live");
        await circuit;
        var counted = page.Locator("dl.figures dt", new() { HasTextString = "Ballots counted" }).Locator("xpath=following-sibling::dd[1]");
        await Expect(counted).ToHaveTextAsync("0");

        var codes = JsonDocument.Parse(File.ReadAllText(Path.Combine(host.DataDir, "seed-codes.json"))).RootElement.GetProperty(election);
        foreach (var code in codes.EnumerateObject().Take(10))
        {
            using var cast = new HttpRequestMessage(HttpMethod.Post, $"/api/elections/{election}/ballots")
            {
                Content = new StringContent("""{"grades": {"pour": 4, "contre": 0, "ete": 2}}""", Encoding.UTF8, "application/json"),
            };
            cast.Headers.Authorization = new AuthenticationHeaderValue("Bearer", code.Value.GetString());
            using var receipt = await host.Client.SendAsync(cast);
            receipt.EnsureSuccessStatusCode();
        }
        await Expect(counted).ToHaveTextAsync("10", new() { Timeout = 2000 });
        await Site.Screenshot(page, "live-dashboard-published");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary><c>dotnet publish src/Voting.Host --no-build</c> of the build these tests run against.</summary>
    private static async Task Publish(string folder)
    {
        var configuration = typeof(PublishTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", Path.Combine(RepositoryRoot(), "src", "Voting.Host", "Voting.Host.csproj"), "-c", configuration, "--no-build", "-o", folder })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet publish");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        Assert.True(process.ExitCode == 0, $"dotnet publish failed:\n{await output}\n{await error}");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Voting.sln")))
                return folder.FullName;
        throw new InvalidOperationException($"No Voting.sln above {AppContext.BaseDirectory}.");
    }
}
