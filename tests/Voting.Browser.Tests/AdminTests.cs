using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Voting.Core.Record;
using static Microsoft.Playwright.Assertions;

namespace Voting.Browser.Tests;

/// <summary>
/// An administrator runs an election from <c>/admin</c> alone: signs in, creates it by the form with its projects from
/// a CSV file (a wrong row first), imports the voter roll from a CSV file, downloads the invitation codes, opens the
/// vote; residents vote with those codes; the administrator closes the vote and downloads the record, which verifies.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class AdminTests(Site site)
{
    private const string Projects = """
        id,cost,title_en,title_fr,title_es,description_en
        trees,600,Trees,Arbres,Árboles,Two hundred trees along the boulevards
        bikes,500,Bike lanes,Pistes cyclables,Carriles bici,
        fountains,300,Fountains,Fontaines,Fuentes,
        """;

    private const string Roll = """
        voter,envelopes
        resident-1,town
        resident-2,
        resident-3,town
        """;

    /// <summary>Each resident's grade index per project (0 the worst), as they give them on the ballot page.</summary>
    private static readonly Dictionary<string, int>[] Ballots =
    [
        new() { ["trees"] = 4, ["bikes"] = 2, ["fountains"] = 0 },
        new() { ["trees"] = 3, ["bikes"] = 4 },
        new() { ["trees"] = 4, ["bikes"] = 1, ["fountains"] = 3 },
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_administrator_creates_imports_opens_and_closes_and_the_record_verifies(bool javaScript)
    {
        var id = $"admin-{Guid.NewGuid():n}"[..18];
        var shot = javaScript ? "" : "-no-js";
        await using var context = await site.NewContext(javaScript: javaScript);
        var page = await context.NewPageAsync();

        // Sent to sign in, and back.
        await page.GotoAsync("/admin");
        await Expect(page).ToHaveURLAsync(new Regex("/official/sign-in\\?ReturnUrl=%2Fadmin$"));
        await Site.SignInAsAdministrator(page);
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Administration", Level = 1 })).ToBeVisibleAsync();
        // Every election is listed, drafts too.
        var drafts = page.GetByRole(AriaRole.Row).Filter(new() { HasText = site.Draft });
        await Expect(drafts.GetByText("In preparation", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Manage the officials' accounts", Exact = true })).ToHaveAttributeAsync("href", "/official/accounts");
        await Site.Screenshot(page, "admin" + shot);

        // The form, with a projects file whose third line has a cost that is not an amount.
        await page.GetByLabel("Election id", new() { Exact = true }).FillAsync(id);
        await page.GetByRole(AriaRole.Group, new() { Name = "Title, in one language or more" }).GetByLabel("English").FillAsync("Town budget");
        await page.GetByRole(AriaRole.Group, new() { Name = "Title, in one language or more" }).GetByLabel("Français").FillAsync("Budget de la ville");
        await page.GetByLabel("Participatory budget", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Envelope id", new() { Exact = true }).FillAsync("town");
        await page.GetByLabel("Envelope title", new() { Exact = true }).FillAsync("Whole town");
        await page.GetByLabel("Envelope budget", new() { Exact = true }).FillAsync("1000");
        await page.GetByLabel("Projects CSV file", new() { Exact = true }).SetInputFilesAsync(Csv("projects.csv", Projects.Replace("bikes,500", "bikes,five hundred", StringComparison.Ordinal)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the election", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The election was not created: 1 problem(s)");
        var projectsText = page.GetByLabel("Or the projects CSV as text", new() { Exact = true });
        await Expect(projectsText).ToHaveAccessibleDescriptionAsync(new Regex("Line 3, column cost: “five hundred” is not a whole amount\\."));
        // Nothing typed is lost: the fields and the file's text are there to fix.
        await Expect(page.GetByLabel("Election id", new() { Exact = true })).ToHaveValueAsync(id);
        await Expect(page.GetByLabel("Envelope budget", new() { Exact = true })).ToHaveValueAsync("1000");
        await Site.Screenshot(page, "admin-create-refused" + shot);

        await projectsText.FillAsync(Projects);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the election", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/admin/elections/{id}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Town budget", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("In preparation", new() { Exact = true })).ToBeVisibleAsync();
        await Site.Screenshot(page, "admin-election-draft" + shot);

        // The roll; the codes come once, as a CSV download, right after the import.
        await page.GetByLabel("Voter roll CSV file", new() { Exact = true }).SetInputFilesAsync(Csv("voters.csv", Roll));
        await page.GetByRole(AriaRole.Button, new() { Name = "Import the voters", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "3 voter(s) added to the roll" })).ToBeVisibleAsync();
        await Site.Screenshot(page, "admin-voters-imported" + shot);
        var codesFile = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download the invitation codes (CSV)", Exact = true }).ClickAsync());
        Assert.Equal($"{id}-invitation-codes.csv", codesFile.SuggestedFilename);
        var codes = (await File.ReadAllLinesAsync((await codesFile.PathAsync())!)).Where(l => l.Length > 0).ToArray();
        Assert.Equal("voter,code", codes[0]);
        var codeOf = codes.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[1]);
        Assert.Equal(["resident-1", "resident-2", "resident-3"], codeOf.Keys.Order().ToArray());

        await page.GotoAsync($"/admin/elections/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the vote", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Close the vote", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("Open", new() { Exact = true })).ToBeVisibleAsync();
        await Site.Screenshot(page, "admin-election-open" + shot);

        // Residents vote on their ballot page with the codes of that file.
        for (int r = 0; r < Ballots.Length; r++)
        {
            await using var resident = await site.NewContext();
            var ballot = await resident.NewPageAsync();
            await Site.SignIn(ballot, codeOf[$"resident-{r + 1}"], id);
            foreach (var (project, grade) in Ballots[r])
            {
                var title = Projects.Split('\n').Select(l => l.Split(',')).First(f => f[0] == project)[2];
                await ballot.GetByRole(AriaRole.Group, new() { Name = title + " — cost" }).GetByRole(AriaRole.Radio, new() { Name = Site.Grades[grade].En, Exact = true }).CheckAsync();
            }
            await ballot.GetByRole(AriaRole.Button, new() { Name = "Submit my ballot", Exact = true }).ClickAsync();
            await Expect(ballot.Locator(".confirmation .receipt")).ToBeVisibleAsync();
        }

        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the vote", Exact = true }).ClickAsync();
        var record = page.GetByRole(AriaRole.Link, new() { Name = "Download the election record", Exact = true });
        await Expect(record).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Open the vote", Exact = true })).ToHaveCountAsync(0);
        // The election's trail: each of these actions, by admin, in order.
        var trail = page.GetByRole(AriaRole.Table, new() { Name = "Official actions on this election" });
        Assert.Equal(["Created the election", "Imported 3 voters", "Opened the vote", "Closed the vote"],
            await trail.Locator("tbody tr td:nth-child(4)").AllInnerTextsAsync());
        Assert.All(await trail.Locator("tbody tr td:nth-child(2)").AllInnerTextsAsync(), who => Assert.Equal("admin", who));
        await Site.Screenshot(page, "admin-election-closed" + shot);

        var zip = await page.RunAndWaitForDownloadAsync(() => record.ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"admin-record-{Guid.NewGuid():n}.zip");
        try
        {
            await zip.SaveAsAsync(path);
            var report = RecordVerifier.Verify(path);
            Assert.True(report.Passed, report.ToString());
            // The record counts the three ballots the residents cast on their pages.
            Assert.Equal(Ballots.Length, Recount.FromRecord(path).Ballots);
        }
        finally
        {
            File.Delete(path);
        }

        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Manage the officials' accounts", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/official/accounts$"));
    }

    [Fact]
    public async Task A_roll_file_larger_than_an_import_may_be_is_refused_as_soon_as_it_is_chosen_with_the_servers_message()
    {
        await using var context = await site.NewContext();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/admin/elections/{site.Draft}");
        await Site.SignInAsAdministrator(page);
        await Expect(page).ToHaveURLAsync(new Regex($"/admin/elections/{site.Draft}$"));

        var file = page.GetByLabel("Voter roll CSV file", new() { Exact = true });
        const long limit = 64L << 20; // Voting:MaxVoterImportBytes
        var tooLarge = Path.Combine(Path.GetTempPath(), $"roll-{Guid.NewGuid():n}.csv");
        try
        {
            await using (var roll = File.Create(tooLarge)) roll.SetLength(limit + 1);
            await file.SetInputFilesAsync(tooLarge);
            await Expect(file).ToHaveJSPropertyAsync("validationMessage", "The file is larger than the limit of 64 MiB.");
            // The form is not sent: the page stays as it was, with nothing imported.
            await page.GetByRole(AriaRole.Button, new() { Name = "Import the voters", Exact = true }).ClickAsync();
            await Expect(page.Locator("#roll-file:invalid")).ToHaveCountAsync(1);
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
            await Site.Screenshot(page, "admin-roll-too-large");
        }
        finally
        {
            File.Delete(tooLarge);
        }

        // A file within the limit may be sent.
        await file.SetInputFilesAsync(Csv("voters.csv", Roll));
        await Expect(file).ToHaveJSPropertyAsync("validationMessage", "");
    }

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };
}
