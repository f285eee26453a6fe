using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Voting.Browser.Tests;

/// <summary>The ballot page: a resident signs in with their invitation code, grades, submits and finds their ballot again.</summary>
[Collection(SiteCollection.Name)]
public sealed class VotePageTests(Site site)
{
    private static readonly Dictionary<string, int> Grades = new() { ["p1"] = 4, ["p2"] = 1, ["d1"] = 3, ["d2"] = 0 };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_resident_signs_in_grades_submits_and_sees_the_ballot_again(bool javaScript)
    {
        var code = site.NewOpenCode();
        await using var context = await site.NewContext(javaScript: javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/elections/{site.Open}/vote");
        await page.GetByLabel("Invitation code", new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "City-wide · Budget: 1,000", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "District · Budget: 100", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByText("You may leave a project ungraded: it then counts as “Not convinced at all”.")).ToBeVisibleAsync();
        var trees = Project(page, "p1");
        await Expect(trees).ToHaveAccessibleNameAsync("Trees — cost 600");
        await Expect(trees).ToHaveAccessibleDescriptionAsync(Site.Descriptions["p1"].En);
        Assert.Equal(Site.Grades.Reverse().Select(g => g.En), await trees.GetByRole(AriaRole.Radio).EvaluateAllAsync<string[]>("rs => rs.map(r => r.labels[0].textContent.trim())"));
        await Site.Screenshot(page, $"vote-ballot{(javaScript ? "" : "-without-javascript")}");

        foreach (var (project, grade) in Grades)
            await Project(page, project).GetByRole(AriaRole.Radio, new() { Name = Site.Grades[grade].En, Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit my ballot", Exact = true }).ClickAsync();

        var receipt = await Confirmation(page, code, Grades);
        await Site.Screenshot(page, $"vote-cast{(javaScript ? "" : "-without-javascript")}");

        await page.ReloadAsync();
        await ExpectChecked(page, Grades);
        Assert.Equal(receipt, await page.Locator(".confirmation .receipt").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Invitation code", new() { Exact = true })).ToBeVisibleAsync();
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "voting-voter");
        await page.GotoAsync($"/elections/{site.Open}/receipt");
        await page.GetByLabel("Receipt", new() { Exact = true }).FillAsync(receipt);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Counted: this ballot is counted.");
    }

    [Fact]
    public async Task A_resident_votes_with_the_keyboard_only()
    {
        var code = site.NewOpenCode();
        await using var context = await site.NewContext();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/elections/{site.Open}/vote");

        await Keyboard.TabTo(page, page.GetByLabel("Invitation code", new() { Exact = true }));
        await page.Keyboard.TypeAsync(code);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit my ballot" })).ToBeVisibleAsync();

        // Tab reaches each project's group at its best grade; the arrow keys move down the scale.
        var best = Site.Grades.Count - 1;
        foreach (var (project, grade) in Grades)
        {
            await Keyboard.TabTo(page, Project(page, project).GetByRole(AriaRole.Radio, new() { Name = Site.Grades[best].En, Exact = true }));
            await page.Keyboard.PressAsync("Space");
            for (var i = best; i > grade; i--)
                await page.Keyboard.PressAsync("ArrowDown");
        }
        await Keyboard.TabTo(page, page.GetByRole(AriaRole.Button, new() { Name = "Submit my ballot", Exact = true }));
        await page.Keyboard.PressAsync("Enter");

        await Confirmation(page, code, Grades);
        await Site.Screenshot(page, "vote-keyboard");
    }

    [Fact]
    public async Task A_resident_sees_only_the_envelopes_they_may_vote_in()
    {
        await using var context = await site.NewContext();
        var page = await context.NewPageAsync();
        await SignIn(page, site.DistrictOnlyCode);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(["District · Budget: 100"]);
        await Expect(page.GetByRole(AriaRole.Group)).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_with_an_error_tied_to_the_field()
    {
        await using var context = await site.NewContext();
        var page = await context.NewPageAsync();
        await SignIn(page, "0000-0000-NOT-A-CODE");

        var field = page.GetByLabel("Invitation code", new() { Exact = true });
        const string error = "This invitation code is not valid for this election. Check it and type it again.";
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(error);
        await Expect(field).ToHaveAccessibleDescriptionAsync(error);
        await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(field).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit my ballot" })).ToHaveCountAsync(0);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "voting-voter");
        await Site.Screenshot(page, "vote-wrong-code");
    }

    [Fact]
    public async Task Before_the_opening_and_after_the_close_the_page_says_so_without_a_form()
    {
        await using var context = await site.NewContext();
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/elections/{site.Draft}/vote");
        await Expect(page.GetByText("The vote has not opened yet: ballots are accepted from its opening. Come back then.")).ToBeVisibleAsync();
        await Expect(page.Locator("main form")).ToHaveCountAsync(0);
        await Site.Screenshot(page, "vote-before-opening");

        await page.GotoAsync($"/elections/{site.Closed}/vote");
        await Expect(page.GetByText("The vote is closed: ballots are no longer accepted.")).ToBeVisibleAsync();
        await Expect(page.Locator("main form")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "See the results" })).ToBeVisibleAsync();
        await Site.Screenshot(page, "vote-after-close");
    }

    [Fact]
    public async Task The_election_page_links_to_the_ballot_while_the_vote_is_open()
    {
        await using var context = await site.NewContext();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/elections/{site.Open}");
        Assert.Equal($"/elections/{site.Open}/vote", await page.GetByRole(AriaRole.Link, new() { Name = "Vote", Exact = true }).GetAttributeAsync("href"));
        await page.GotoAsync($"/elections/{site.Closed}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Vote", Exact = true })).ToHaveCountAsync(0);
    }

    private Task SignIn(IPage page, string code) => Site.SignIn(page, code, site.Open);

    private static ILocator Project(IPage page, string id) =>
        page.GetByRole(AriaRole.Group, new() { Name = Site.Projects[id].En });

    /// <summary>The confirmation shows the receipt of the ballot that counts, as the API gives it back, with the grades given.</summary>
    private async Task<string> Confirmation(IPage page, string code, IReadOnlyDictionary<string, int> grades)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your ballot is recorded", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByText("a new ballot replaces this one", new() { Exact = false })).ToBeVisibleAsync();
        Assert.Equal($"/elections/{site.Open}/receipt", await page.GetByRole(AriaRole.Link, new() { Name = "Check my receipt" }).GetAttributeAsync("href"));

        var ballot = await site.Ballot(site.Open, code);
        var receipt = ballot.GetProperty("receipt").GetString()!;
        Assert.Equal(receipt, await page.Locator(".confirmation .receipt").InnerTextAsync());
        Assert.Equal(grades.OrderBy(g => g.Key), ballot.GetProperty("grades").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetInt32())).OrderBy(g => g.Key));
        await ExpectChecked(page, grades);
        return receipt;
    }

    private static async Task ExpectChecked(IPage page, IReadOnlyDictionary<string, int> grades)
    {
        foreach (var project in Site.Projects.Keys)
        {
            var group = Project(page, project);
            for (var grade = 0; grade < Site.Grades.Count; grade++)
            {
                var radio = group.GetByRole(AriaRole.Radio, new() { Name = Site.Grades[grade].En, Exact = true });
                if (grades.TryGetValue(project, out var given) && given == grade)
                    await Expect(radio).ToBeCheckedAsync();
                else
                    await Expect(radio).Not.ToBeCheckedAsync();
            }
        }
    }
}
