using System.Diagnostics;
using System.Net;
using System.Reflection;

namespace Voting.Browser.Tests;

/// <summary>The pages from a <c>dotnet publish</c> folder run in Production: stylesheet, translations and seeds come along.</summary>
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
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
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
