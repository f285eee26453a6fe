using System.Net;
using System.Net.Http.Headers;
using System.Text;
using static Voting.Web.Tests.Elections;
using static Voting.Web.Tests.PageForms;

namespace Voting.Web.Tests;

/// <summary>
/// The administrators' pages over plain HTTP, as a browser without JavaScript posts their forms: only an administrator
/// reaches them; a CSV file with a wrong row names its line and column and nothing is created or imported; a good roll
/// import offers its invitation codes once, as a CSV file.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class AdminPageTests(ApiHost api)
{
    private const string Admin = "/admin";

    [Fact]
    public async Task Anonymous_visitors_and_observers_are_refused_and_an_administrator_comes_back_after_signing_in()
    {
        var id = NewId("refused");
        using (var anonymous = Browser(api.BaseAddress))
        {
            using var refused = await anonymous.GetAsync(Admin);
            Assert.Equal(HttpStatusCode.Found, refused.StatusCode);
            Assert.Equal("/official/sign-in", refused.Headers.Location?.AbsolutePath);
            Assert.Contains("ReturnUrl=%2Fadmin", refused.Headers.Location?.Query);

            // Signing in from there comes back to the page.
            using var signedIn = await Submit(anonymous, refused.Headers.Location!.PathAndQuery, "official-sign-in", ("UserName", "admin"), ("Password", ApiHost.AdminToken));
            Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
            Assert.Equal(Admin, signedIn.Headers.Location?.AbsolutePath);
            using var page = await anonymous.GetAsync(Admin);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        var observer = $"obs-{Guid.NewGuid():n}"[..16];
        var password = $"pw-{Guid.NewGuid():n}";
        using (var admin = await SignedIn("admin", ApiHost.AdminToken))
        using (var created = await Submit(admin, "/official/accounts", "new-observer", ("UserName", observer), ("Password", password)))
            Assert.Equal(HttpStatusCode.Found, created.StatusCode);

        using var watcher = await SignedIn(observer, password);
        using (var denied = await watcher.GetAsync(Admin))
        {
            Assert.Equal(HttpStatusCode.Found, denied.StatusCode);
            Assert.Equal("/official/sign-in", denied.Headers.Location?.AbsolutePath);
        }
        using (var denied = await watcher.GetAsync($"{Admin}/elections/{id}"))
            Assert.Equal(HttpStatusCode.Found, denied.StatusCode);
        // A form posted anyway, with the token of a page the observer can read, creates nothing.
        var token = Token(await watcher.GetStringAsync("/official/sign-in"));
        using (var posted = await watcher.PostAsync(Admin, Multipart(("_handler", "create"), ("__RequestVerificationToken", token), ("ElectionId", id),
                   ("TitleEn", "Refused"), ("EnvelopeId", "main"), ("Budget", "100"), ("ProjectsText", "id,cost,title_en\np1,10,One"))))
            Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        using (var posted = await watcher.PostAsync("/admin/invitation-codes", Form(("__RequestVerificationToken", token), ("Ticket", "00"))))
            Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        using var officialApi = api.Official();
        using (var missing = await officialApi.GetAsync($"/api/elections/{id}"))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_projects_csv_with_wrong_rows_names_each_line_and_column_creates_nothing_and_keeps_the_form()
    {
        var id = NewId("projects");
        using var admin = await SignedIn("admin", ApiHost.AdminToken);

        // Shape: a cost that is not a number, an unknown column.
        const string badShape = "id,cost,title_en,colour\np1,100,Trees,green\np2,lots,Bikes,red\n";
        var page = await CreateRefused(admin, id, badShape);
        Assert.Contains("Line 1, column colour: unknown column colour.", page);
        Assert.Contains("Line 3, column cost: “lots” is not a whole amount.", page);
        Assert.DoesNotContain("Line 3, column cost: a non-negative amount", page); // the same cell, told once

        // A wrong id and a wrong CSV cell are both told at once.
        page = await CreateRefused(admin, "not an id!", badShape);
        Assert.Contains("Line 3, column cost: “lots” is not a whole amount.", page);
        Assert.Contains("letters, digits, '-', '_' or '.', 1 to 64 characters", page);
        Assert.Contains("aria-describedby=\"election-id-rule election-id-errors\"", page);

        // Content, as the definition's own check names it: a repeated id, a negative cost, a project with no title.
        const string badRows = "id,cost,title_en,title_fr\np1,100,Trees,Arbres\np1,50,Bikes,Vélos\np3,-5,Fountains,\np4,10,,\n";
        page = await CreateRefused(admin, id, badRows);
        Assert.Contains("Line 3, column id: 'p1' is used twice in this election", page);
        Assert.Contains("Line 4, column cost: a non-negative amount", page);
        Assert.Contains("Line 5, column title_en: a text in at least one language, none blank", page);
        Assert.Contains("The election was not created: 3 problem(s)", page);
        // Nothing typed is lost: the fields and the CSV come back as they were.
        Assert.Contains($"value=\"{id}\"", page);
        Assert.Contains("value=\"Budget of the test\"", page);
        Assert.Contains("p3,-5,Fountains,", page);
        Assert.Contains("aria-describedby=\"projects-columns projects-errors\"", page);

        // A projects file larger than a definition may be is refused before it is read.
        var huge = "id,cost,title_en\n" + string.Concat(Enumerable.Repeat("p,1,Project\n", (4 << 20) / 12 + 1));
        page = await CreateRefused(admin, id, huge);
        Assert.Contains("The file is larger than the limit of 4 MiB.", page);
        Assert.Contains("aria-describedby=\"projects-columns projects-errors\"", page);
        // The same words on the field, for the page's script, in the official's language.
        using (var french = new HttpRequestMessage(HttpMethod.Get, Admin))
        {
            french.Headers.AcceptLanguage.ParseAdd("fr");
            using var answer = await admin.SendAsync(french);
            Assert.Contains("data-too-large=\"Le fichier dépasse la limite de 4 Mio.\"", await answer.Content.ReadAsStringAsync());
        }

        using var official = api.Official();
        using (var missing = await official.GetAsync($"/api/elections/{id}"))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // Fixed, the same form creates the election, with the projects of the file.
        using var created = await PostCreate(admin, id, "id,cost,title_en,title_fr\np1,100,Trees,Arbres\np2,50,Bikes,Vélos\n");
        Assert.Equal(HttpStatusCode.Found, created.StatusCode);
        Assert.Equal($"{Admin}/elections/{id}", created.Headers.Location?.AbsolutePath);
        var definition = await Body(await official.GetAsync($"/api/elections/{id}"));
        var projects = definition.GetProperty("definition").GetProperty("envelopes")[0].GetProperty("projects");
        Assert.Equal(["p1", "p2"], projects.EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToArray());
        Assert.Equal("Vélos", projects[1].GetProperty("title").GetProperty("fr").GetString());
        Assert.Equal(50, projects[1].GetProperty("cost").GetInt64());
    }

    [Fact]
    public async Task A_roll_file_larger_than_the_servers_default_body_limit_but_within_the_imports_limit_is_read()
    {
        var (_, page) = await NewElectionPage("big-roll");
        using var admin = await SignedIn("admin", ApiHost.AdminToken);

        // About 33 MB (Kestrel's default limit is 30,000,000 bytes; Voting:MaxVoterImportBytes is 64 MiB), one wrong line at the end.
        var roll = new StringBuilder("voter,envelopes\n");
        int voters = 0;
        while (roll.Length < 33_000_000) roll.Append("voter-").Append(voters++).Append(",city district\n");
        roll.Append("last,parks\n");
        var refused = await Import(admin, page, roll.ToString());
        Assert.Contains("Nothing was imported: 1 problem(s).", refused);
        Assert.Contains($"Line {voters + 2}, column envelopes: unknown envelope 'parks'", refused);
    }

    [Fact]
    public async Task A_roll_csv_with_wrong_rows_names_each_line_and_column_and_imports_nobody_then_a_good_one_gives_its_codes_once()
    {
        var (id, page) = await NewElectionPage("roll");
        using var admin = await SignedIn("admin", ApiHost.AdminToken);

        var refused = await Import(admin, page, "voter,envelopes\nv1,city\nv2,city parks\nv1,district\n,city\n");
        Assert.Contains("Nothing was imported: 3 problem(s).", refused);
        Assert.Contains("Line 3, column envelopes: unknown envelope 'parks'", refused);
        Assert.Contains("Line 4, column voter: 'v1' appears twice in this import", refused);
        Assert.Contains("Line 5, column voter: the voter's id is required", refused);
        refused = await Import(admin, page, "voter,envelopes\nv1,city\nv2,dis\"trict\n");
        Assert.Contains("Line 3: a field is badly quoted.", refused);
        refused = await Import(admin, page, "name\nv1\n");
        Assert.Contains("Line 1, column name: unknown column name.", refused);
        Assert.Contains("Line 1, column voter: the header has no column voter.", refused);
        Assert.Equal(0, (await Body(await api.Official().GetAsync($"/api/elections/{id}"))).GetProperty("registeredVoters").GetInt64());

        var imported = await Import(admin, page, "voter,envelopes\nv1,city district\nv2,district\nv3,\n");
        Assert.Contains("3 voter(s) added to the roll", imported);
        // The election's trail names the administrator for the import (the election was created through the API).
        Assert.Matches(@"<td>admin</td>\s*<td>[^<]+</td>\s*<td>Imported 3 voters</td>", imported);
        Assert.Matches(@"<td>official token</td>\s*<td>[^<]+</td>\s*<td>Created the election</td>", imported);
        Assert.Equal(3, (await Body(await api.Official().GetAsync($"/api/elections/{id}"))).GetProperty("registeredVoters").GetInt64());
        var ticket = TicketField().Match(imported).Groups[1].Value;
        using var download = await admin.PostAsync("/admin/invitation-codes", Form(("__RequestVerificationToken", Token(imported)), ("Ticket", ticket)));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("no-store", download.Headers.CacheControl?.ToString());
        var lines = (await download.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("voter,code", lines[0]);
        var codes = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[1]);
        Assert.Equal(["v1", "v2", "v3"], codes.Keys.Order().ToArray());
        foreach (var code in codes.Values)
            Assert.DoesNotContain(code, imported, StringComparison.Ordinal); // the page itself never shows a code

        // Each code is a voter's: with it, v2 (district only) may grade d1 but not p1 once the vote is open.
        using (var official = api.Official())
        using (var opened = await official.PostAsync($"/api/elections/{id}/open", null))
            Assert.True(opened.IsSuccessStatusCode);
        using (var cast = await Cast(api, id, codes["v2"], """{"grades": {"d1": 3}}"""))
            Assert.Equal(HttpStatusCode.Created, cast.StatusCode);
        using (var forbidden = await Cast(api, id, codes["v2"], """{"grades": {"p1": 3}}"""))
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        // The codes are for that one download only.
        using var again = await admin.PostAsync("/admin/invitation-codes", Form(("__RequestVerificationToken", Token(imported)), ("Ticket", ticket)));
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
    }

    [Fact]
    public async Task A_question_is_created_by_the_form_and_a_budget_from_its_definition_json_whose_problems_are_all_named()
    {
        using var admin = await SignedIn("admin", ApiHost.AdminToken);
        using var official = api.Official();

        var question = NewId("question");
        var token = Token(await admin.GetStringAsync(Admin));
        using (var created = await admin.PostAsync(Admin, Multipart(("_handler", "create"), ("__RequestVerificationToken", token), ("ElectionId", question),
                   ("TitleFr", "Une question"), ("Kind", "question"), ("Scale", "classic"), ("Balancing", "median"), ("EnvelopeId", "options"), ("Budget", ""),
                   ("ProjectsText", "id,title_fr\noui,Oui\nnon,Non\n"))))
            Assert.Equal(HttpStatusCode.Found, created.StatusCode);
        var definition = (await Body(await official.GetAsync($"/api/elections/{question}"))).GetProperty("definition");
        Assert.Equal("question", definition.GetProperty("kind").GetString());
        Assert.Equal(7, definition.GetProperty("grades").GetArrayLength());
        Assert.Equal("median", definition.GetProperty("balancing").GetString());

        var budget = NewId("json");
        var wrong = Budget(budget);
        wrong["balancing"] = "sometimes";
        wrong["envelopes"]![0]!["budget"] = -1;
        var refused = await UploadDefinition(admin, wrong.ToJsonString());
        Assert.Contains("The election was not created: 2 problem(s)", refused);
        Assert.Contains("balancing: unknown balancing policy 'sometimes'", refused);
        Assert.Contains("envelopes[0].budget: a non-negative amount", refused);
        Assert.Contains("malformed JSON", await UploadDefinition(admin, "{\"id\": "));
        using (var missing = await official.GetAsync($"/api/elections/{budget}"))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        token = Token(await admin.GetStringAsync(Admin));
        using (var created = await admin.PostAsync(Admin, Multipart([("_handler", "upload"), ("__RequestVerificationToken", token)], ("DefinitionFile", "budget.json", Budget(budget).ToJsonString()))))
        {
            Assert.Equal(HttpStatusCode.Found, created.StatusCode);
            Assert.Equal($"{Admin}/elections/{budget}", created.Headers.Location?.AbsolutePath);
        }
        Assert.Equal("draft", (await Body(await official.GetAsync($"/api/elections/{budget}"))).GetProperty("status").GetString());
        Assert.Contains($">{budget}</code>", await admin.GetStringAsync(Admin));
    }

    private static async Task<string> UploadDefinition(HttpClient admin, string json)
    {
        var token = Token(await admin.GetStringAsync(Admin));
        using var response = await admin.PostAsync(Admin, Multipart([("_handler", "upload"), ("__RequestVerificationToken", token)], ("DefinitionFile", "definition.json", json)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpClient> SignedIn(string userName, string password)
    {
        var browser = Browser(api.BaseAddress);
        using var signedIn = await Submit(browser, "/official/sign-in", "official-sign-in", ("UserName", userName), ("Password", password));
        Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        return browser;
    }

    private static async Task<HttpResponseMessage> PostCreate(HttpClient admin, string id, string projects)
    {
        var token = Token(await admin.GetStringAsync(Admin));
        return await admin.PostAsync(Admin, Multipart(
            [("_handler", "create"), ("__RequestVerificationToken", token), ("ElectionId", id), ("TitleEn", "Budget of the test"), ("Kind", "budget"),
             ("Scale", "paris"), ("Balancing", "static:0"), ("EnvelopeId", "main"), ("EnvelopeTitle", "Whole town"), ("Budget", "1000")],
            ("ProjectsFile", "projects.csv", projects)));
    }

    private static async Task<string> CreateRefused(HttpClient admin, string id, string projects)
    {
        using var response = await PostCreate(admin, id, projects);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A new election, created through the API, and its administration page.</summary>
    private async Task<(string Id, string Page)> NewElectionPage(string prefix)
    {
        var id = NewId(prefix);
        using (var official = api.Official())
        using (var created = await official.PostAsync("/api/elections", Json(Budget(id))))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (id, $"{Admin}/elections/{id}");
    }

    private static async Task<string> Import(HttpClient admin, string page, string roll)
    {
        var token = Token(await admin.GetStringAsync(page));
        using var response = await admin.PostAsync(page, Multipart([("_handler", "roll"), ("__RequestVerificationToken", token)], ("RollFile", "voters.csv", roll)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static MultipartFormDataContent Multipart(params (string Name, string Value)[] fields) => Multipart(fields, null);

    private static MultipartFormDataContent Multipart((string Name, string Value)[] fields, (string Name, string FileName, string Text)? file)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
            content.Add(new StringContent(value), name);
        if (file is { } f)
        {
            var bytes = new ByteArrayContent(Encoding.UTF8.GetBytes(f.Text));
            bytes.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            content.Add(bytes, f.Name, f.FileName);
        }
        return content;
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"Ticket\" value=\"([0-9A-F]+)\"")]
    private static partial System.Text.RegularExpressions.Regex TicketField();
}
