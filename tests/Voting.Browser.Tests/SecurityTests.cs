using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Voting.Browser.Tests;

/// <summary>The security headers on pages, the API and the API reference, which still works under its own policy.</summary>
[Collection(SiteCollection.Name)]
public sealed partial class SecurityTests(Site site)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/elections/{closed}")]
    [InlineData("/elections/{closed}/results")]
    [InlineData("/api/elections")]
    [InlineData("/site.css")]
    [InlineData("/elections/no-such-election")]
    public async Task Pages_and_api_forbid_scripts_framing_and_sniffing(string path)
    {
        using var response = await site.Host.Client.GetAsync(path.Replace("{closed}", site.Closed));
        var policy = string.Join("; ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("script-src", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task The_api_reference_runs_its_scripts_by_nonce_only()
    {
        using var response = await site.Host.Client.GetAsync("/scalar/");
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var body = await response.Content.ReadAsStringAsync();
        var nonce = Nonce().Match(policy);
        Assert.True(nonce.Success, policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotMatch("script-src[^;]*unsafe-inline", policy);
        var scripts = Regex.Matches(body, "<script[^>]*>");
        Assert.NotEmpty(scripts);
        Assert.All(scripts, tag => Assert.Contains($"nonce=\"{nonce.Groups[1].Value}\"", tag.Value));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_api_reference_renders_without_a_policy_violation()
    {
        await using var context = await site.NewContext();
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                violations.Add(message.Text);
        };
        page.PageError += (_, error) => violations.Add(error);

        await page.GotoAsync("/scalar/");
        await Expect(page.GetByText("Majority-judgment elections").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Site.Screenshot(page, "api-reference");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [GeneratedRegex("script-src [^;]*'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
