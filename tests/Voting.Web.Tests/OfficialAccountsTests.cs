using System.Net;
using System.Text.RegularExpressions;
using static Voting.Web.Tests.PageForms;

namespace Voting.Web.Tests;

/// <summary>
/// The officials' accounts page: only a signed-in administrator reaches it; they create an observer's account, whose
/// password is kept as a hash only; the observer signs in with the observer role and cannot reach the page. Each
/// account added is in the accounts' audit trail, on the page and at <c>GET /api/officials/trail</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OfficialAccountsTests(ApiHost api)
{
    private const string Page = "/official/accounts";

    [Fact]
    public async Task An_administrator_creates_an_observer_who_signs_in_without_reaching_the_accounts()
    {
        var observer = $"observer-{Guid.NewGuid():n}"[..20];
        var password = $"pw-{Guid.NewGuid():n}";

        using (var anonymous = Browser(api.BaseAddress))
        using (var refused = await anonymous.GetAsync(Page))
        {
            Assert.Equal(HttpStatusCode.Found, refused.StatusCode);
            Assert.Equal("/official/sign-in", refused.Headers.Location?.AbsolutePath);
        }

        using var admin = Browser(api.BaseAddress);
        using (var signedIn = await SignIn(admin, "admin", ApiHost.AdminToken))
            Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        using (var forged = await admin.PostAsync(Page, Form(("_handler", "new-observer"), ("UserName", observer), ("Password", password))))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using (var tooShort = await Create(admin, observer, "short"))
        {
            Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
            Assert.Contains("role=\"alert\">At least 12 characters.</p>", await tooShort.Content.ReadAsStringAsync());
        }
        using (var created = await Create(admin, observer, password))
        {
            Assert.Equal(HttpStatusCode.Found, created.StatusCode);
            Assert.Equal(Page, created.Headers.Location?.AbsolutePath);
        }
        Assert.Contains($"<td>{observer}</td><td>observer</td>", await admin.GetStringAsync(Page));
        using (var again = await Create(admin, observer.ToUpperInvariant(), password))
            Assert.Contains("role=\"alert\">This user name is already taken.</p>", await again.Content.ReadAsStringAsync());

        var state = await StoredOfficials.State(api.Host.DataDir);
        Assert.DoesNotContain(password, state, StringComparison.Ordinal);
        Assert.True(StoredOfficials.HasHashOf(observer, password, state), "the accounts hold a hash of the observer's password");

        using var watcher = Browser(api.BaseAddress);
        using (var signedIn = await SignIn(watcher, observer, password))
            Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        var home = await watcher.GetStringAsync("/");
        Assert.Contains($"Signed in as {observer} (observer)", home);
        Assert.DoesNotContain($"href=\"{Page}\"", home);
        using (var denied = await watcher.GetAsync(Page))
            Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    [Fact]
    public async Task Each_account_added_is_in_the_accounts_trail_with_who_added_it_and_from_where()
    {
        var observer = $"trailed-{Guid.NewGuid():n}"[..20];
        using var admin = Browser(api.BaseAddress);
        using (var signedIn = await SignIn(admin, "admin", ApiHost.AdminToken))
            Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        var before = DateTimeOffset.UtcNow;
        using (var created = await Create(admin, observer, $"pw-{Guid.NewGuid():n}"))
            Assert.Equal(HttpStatusCode.Found, created.StatusCode);
        var after = DateTimeOffset.UtcNow;

        var page = await admin.GetStringAsync(Page);
        Assert.Contains("<caption>Changes of accounts</caption>", page);
        var row = Regex.Match(page, $@"<tr>((?:(?!</tr>).)*Added the observer account {observer}(?:(?!</tr>).)*)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, page);
        Assert.Equal(["admin", "127.0.0.1", $"Added the observer account {observer}"],
            Regex.Matches(row.Groups[1].Value, "<td>(?:<time[^>]*>)?([^<]*)").Select(m => m.Groups[1].Value).Skip(1));

        using var official = api.Official();
        using var anonymous = api.Anonymous();
        using (var refused = await anonymous.GetAsync("/api/officials/trail"))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var response = await official.GetAsync("/api/officials/trail");
        var trail = (await Elections.Body(response)).EnumerateArray().ToArray();
        var added = Assert.Single(trail, e => e.TryGetProperty("account", out var account) && account.GetString() == observer);
        Assert.Equal(("addObserver", "admin", "127.0.0.1"),
            (added.GetProperty("action").GetString(), added.GetProperty("actor").GetString(), added.GetProperty("address").GetString()));
        Assert.InRange(added.GetProperty("at").GetDateTimeOffset(), before, after);
        var first = Assert.Single(trail, e => e.GetProperty("action").GetString() == "addAdministrator");
        Assert.Equal(("admin", "admin"), (first.GetProperty("actor").GetString(), first.GetProperty("account").GetString()));
    }

    private static Task<HttpResponseMessage> SignIn(HttpClient browser, string userName, string password) =>
        Submit(browser, "/official/sign-in", "official-sign-in", ("UserName", userName), ("Password", password));

    private static Task<HttpResponseMessage> Create(HttpClient browser, string userName, string password) =>
        Submit(browser, Page, "new-observer", ("UserName", userName), ("Password", password));
}
