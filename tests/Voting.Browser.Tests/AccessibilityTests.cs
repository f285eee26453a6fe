using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Voting.Browser.Tests;

/// <summary>axe-core finds no serious or critical violation on any page, in any language; each page is saved as a screenshot.</summary>
[Collection(SiteCollection.Name)]
public sealed class AccessibilityTests(Site site)
{
    [Theory]
    [InlineData("en-GB", "en")]
    [InlineData("fr-FR", "fr")]
    [InlineData("es-ES", "es")]
    public async Task Every_page_passes_axe(string locale, string lang)
    {
        await using var context = await site.NewContext(locale);
        var page = await context.NewPageAsync();
        var problems = new List<string>();

        async Task Audit(string name)
        {
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
            await Site.Screenshot(page, $"{name}-{lang}");
            var result = await page.RunAxe();
            problems.AddRange(result.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(", ", v.Nodes.Select(n => n.Html))}"));
        }

        await page.GotoAsync("/");
        await Audit("home");
        await page.GotoAsync($"/elections/{site.Closed}");
        await Audit("election");
        await page.GotoAsync($"/elections/{site.Closed}/receipt");
        await page.Locator("#receipt").FillAsync(site.CountedReceipt);
        await page.Locator("form button[type=submit]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await Audit("receipt");
        await page.GotoAsync($"/elections/{site.Closed}/results");
        await page.Locator("details.profile-table summary").First.ClickAsync();
        await Audit("results");
        await page.GotoAsync($"/elections/{site.Open}/results");
        await Audit("results-before-close");
        await page.GotoAsync($"/elections/{site.Open}/vote");
        await Audit("vote-sign-in");
        await Site.SignIn(page, "not-a-code", site.Open);
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Audit("vote-wrong-code");
        await Site.SignIn(page, site.NewOpenCode(), site.Open);
        await page.Locator("form.ballot input[type=radio]").First.CheckAsync();
        await page.Locator("form.ballot button[type=submit]").ClickAsync();
        await Expect(page.Locator(".confirmation")).ToBeVisibleAsync();
        await Audit("vote-ballot");
        await page.GotoAsync($"/elections/{site.Draft}/vote");
        await Audit("vote-before-opening");
        await page.GotoAsync("/official/sign-in");
        await Audit("official-sign-in");
        await page.Locator("#user-name").FillAsync("admin");
        await page.Locator("#password").FillAsync("not the token");
        await page.Locator("form.sign-in-form button[type=submit]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Audit("official-sign-in-refused");
        await page.Locator("#password").FillAsync(Site.AdminToken);
        await page.Locator("form.sign-in-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("form.official")).ToBeVisibleAsync();
        await Audit("official-signed-in");
        var (live, _) = await site.NewOpenElection("a11y", 2, 1);
        await page.GotoAsync($"/elections/{live}/live");
        await page.Locator("details.profile-table summary").First.ClickAsync();
        await Expect(page.Locator("dl.figures")).ToBeVisibleAsync();
        await Audit("live-dashboard");
        await page.GotoAsync("/official/accounts");
        await page.Locator("#new-user-name").FillAsync("admin");
        await page.Locator("#new-password").FillAsync("a long enough password");
        await page.Locator("form.sign-in-form button[type=submit]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Audit("official-accounts");
        await page.GotoAsync("/admin");
        await Audit("admin");
        await page.Locator("#election-id").FillAsync("not an id!");
        await page.Locator("#projects-csv").FillAsync("id,cost,title_en\np1,-1,Trees\np2,5,\n");
        await page.Locator("form.admin-form button[type=submit]").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Audit("admin-create-refused");
        await page.GotoAsync($"/admin/elections/{site.Draft}");
        await Audit("admin-election");
        await page.Locator("#roll-file").SetInputFilesAsync(new FilePayload { Name = "voters.csv", MimeType = "text/csv", Buffer = "voter,envelopes\nv1,nowhere\n"u8.ToArray() });
        await page.Locator("form.admin-form button[type=submit]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Audit("admin-roll-refused");
        var missing = await page.GotoAsync("/elections/no-such-election");
        Assert.Equal(404, missing?.Status);
        await Audit("not-found");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
