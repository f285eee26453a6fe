using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Voting.Browser.Tests;

/// <summary>The residents' pages in a browser, against the API's own answers.</summary>
[Collection(SiteCollection.Name)]
public sealed class PageTests(Site site)
{
    [Fact]
    public async Task The_home_page_lists_the_election_and_links_to_it()
    {
        await using var context = await site.NewContext();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        var title = Site.Title(site.Closed).En;
        var link = page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true });
        Assert.Equal($"/elections/{site.Closed}", await link.GetAttributeAsync("href"));
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = link });
        Assert.Equal([title, "Participatory budget", "Closed"], await row.GetByRole(AriaRole.Cell).AllInnerTextsAsync());

        await link.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        Assert.EndsWith($"/elections/{site.Closed}", page.Url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "City-wide", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Budget: 1,000", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Trees" })).ToHaveTextAsync(new Regex("Trees\\s+— cost 600"));
        Assert.Equal($"/elections/{site.Closed}/results", await page.GetByRole(AriaRole.Link, new() { Name = "See the results" }).GetAttributeAsync("href"));
        Assert.Equal($"/elections/{site.Closed}/receipt", await page.GetByRole(AriaRole.Link, new() { Name = "Check a receipt" }).GetAttributeAsync("href"));
    }

    [Fact]
    public async Task The_results_page_ranks_as_the_api_with_a_chart_reasons_funding_and_the_record()
    {
        await using var context = await site.NewContext();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/elections/{site.Closed}/results");

        foreach (var envelope in site.Results.GetProperty("envelopes").EnumerateArray())
        {
            var title = Site.Envelopes[envelope.GetProperty("id").GetString()!].En;
            var ranking = envelope.GetProperty("ranking").EnumerateArray().ToArray();
            var table = page.GetByRole(AriaRole.Table, new() { Name = title, Exact = true });
            Assert.Equal(["Rank", "Project", "Majority grade"], await table.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync());
            var rows = await table.Locator("tbody tr").AllAsync();
            Assert.Equal(ranking.Length, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                string[] expected =
                [
                    ranking[i].GetProperty("rank").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Site.Projects[ranking[i].GetProperty("project").GetString()!].En,
                    Site.Grades[ranking[i].GetProperty("majorityGrade").GetInt32()].En,
                ];
                Assert.Equal(expected, await rows[i].Locator("th, td").AllInnerTextsAsync());
            }

            var section = page.GetByRole(AriaRole.Region, new() { Name = title, Exact = true });
            await Expect(section.Locator("svg.bar")).ToHaveCountAsync(ranking.Length);
            await Expect(section.Locator("svg.bar .majority")).ToHaveCountAsync(ranking.Length);
            await Expect(section.Locator("svg.bar .half")).ToHaveCountAsync(ranking.Length);
            var reasons = envelope.GetProperty("reasons").EnumerateArray().ToArray();
            await Expect(section.Locator(".reasons li")).ToHaveCountAsync(reasons.Length);
            await Expect(section.Locator(".reasons li").First).ToContainTextAsync(reasons[0].GetProperty("texts").GetProperty("en").GetString()!);

            var allocation = envelope.GetProperty("allocation");
            await Expect(section.GetByText($"Budget used: {allocation.GetProperty("cost").GetInt64():N0} of {allocation.GetProperty("budget").GetInt64():N0}"))
                .ToBeVisibleAsync();
            var funded = allocation.GetProperty("selected").EnumerateArray().Select(p => Site.Projects[p.GetString()!].En).ToArray();
            await Expect(section.Locator("ul.funded > li")).ToHaveCountAsync(funded.Length);
            foreach (var project in funded)
                await Expect(section.Locator("ul.funded > li").Filter(new() { HasText = project })).ToHaveCountAsync(1);
        }

        var record = page.GetByRole(AriaRole.Link, new() { Name = "Download the election record", Exact = true });
        Assert.Equal($"/api/elections/{site.Closed}/record", await record.GetAttributeAsync("href"));
        var download = await page.APIRequest.GetAsync($"/api/elections/{site.Closed}/record");
        Assert.Equal(200, download.Status);
        Assert.Equal("application/zip", download.Headers["content-type"]);
    }

    [Fact]
    public async Task The_results_of_an_open_election_are_not_shown()
    {
        await using var context = await site.NewContext();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/elections/{site.Open}/results");
        await Expect(page.GetByText("The results are published when the vote closes.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_receipt_page_says_counted_replaced_or_unknown_and_never_the_grades()
    {
        await using var context = await site.NewContext();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/elections/{site.Closed}/receipt");

        await Check(page, site.CountedReceipt, "^Counted: this ballot is counted");
        await Check(page, site.ReplacedReceipt, "^Replaced: a later ballot");
        await Check(page, "0-not-a-receipt", "^Unknown: no ballot");

        var main = await page.GetByRole(AriaRole.Main).InnerTextAsync();
        foreach (var grade in Site.Grades)
            Assert.DoesNotContain(grade.En, main);
    }

    [Fact]
    public async Task The_receipt_form_works_without_javascript_and_needs_its_antiforgery_token()
    {
        await using var context = await site.NewContext(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/elections/{site.Closed}/receipt");
        await Expect(page.Locator("form input[type=hidden][name=__RequestVerificationToken]")).ToHaveCountAsync(1);

        await Check(page, site.CountedReceipt, "^Counted");
        await Site.Screenshot(page, "receipt-without-javascript");

        // The same post without the token is refused.
        var forged = await context.APIRequest.PostAsync($"/elections/{site.Closed}/receipt", new()
        {
            Form = context.APIRequest.CreateFormData().Set("_handler", "receipt").Set("Receipt", site.CountedReceipt),
        });
        Assert.Equal(400, forged.Status);
    }

    [Fact]
    public async Task The_language_switch_translates_the_page_and_is_remembered()
    {
        await using var context = await site.NewContext("en-US");
        var page = await context.NewPageAsync();
        var results = $"/elections/{site.Closed}/results";
        await page.GotoAsync(results);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        var first = site.Results.GetProperty("envelopes")[0].GetProperty("ranking")[0];
        var grade = Site.Grades[first.GetProperty("majorityGrade").GetInt32()];
        var project = Site.Projects[first.GetProperty("project").GetString()!];

        foreach (var (link, code, headers) in new[]
                 {
                     ("Français", "fr", new[] { "Rang", "Projet", "Mention majoritaire" }),
                     ("Español", "es", ["Puesto", "Proyecto", "Mención mayoritaria"]),
                     ("English", "en", ["Rank", "Project", "Majority grade"]),
                 })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", code);
            Assert.EndsWith(results, page.Url);
            var table = page.GetByRole(AriaRole.Table, new() { Name = Site.Envelopes["city"].In(code), Exact = true });
            Assert.Equal(headers, await table.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync());
            Assert.Equal([project.In(code), grade.In(code)], (await table.Locator("tbody tr").First.Locator("th, td").AllInnerTextsAsync()).Skip(1));
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true })).ToHaveAttributeAsync("aria-current", "true");
        }

        // The choice is kept in a strict, HttpOnly cookie and outlives the page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Español", Exact = true }).ClickAsync();
        var cookie = (await context.CookiesAsync()).Single(c => c.Name == ".AspNetCore.Culture");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        var another = await context.NewPageAsync();
        await another.GotoAsync("/");
        await Expect(another.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(another.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Votaciones");
    }

    [Theory]
    [InlineData("fr-FR", "fr", "Scrutins")]
    [InlineData("es-MX", "es", "Votaciones")]
    [InlineData("de-DE", "en", "Elections")]
    public async Task The_first_visit_follows_accept_language(string locale, string lang, string heading)
    {
        await using var context = await site.NewContext(locale);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = Site.Title(site.Closed).In(lang), Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Keyboard_users_skip_to_the_content_and_see_where_the_focus_is()
    {
        await using var context = await site.NewContext();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content", Exact = true });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        Assert.Equal("solid", await skip.EvaluateAsync<string>("link => getComputedStyle(link).outlineStyle"));

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        var election = page.GetByRole(AriaRole.Link, new() { Name = Site.Title(site.Closed).En, Exact = true });
        await Expect(election).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Site.Title(site.Closed).En);
    }

    private static async Task Check(IPage page, string receipt, string answer)
    {
        await page.GetByLabel("Receipt", new() { Exact = true }).FillAsync(receipt);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(new Regex(answer));
        await Expect(page.GetByLabel("Receipt", new() { Exact = true })).ToHaveValueAsync(receipt);
    }
}
