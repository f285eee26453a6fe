using Microsoft.AspNetCore.SignalR.Client;

namespace Voting.Web.Tests.Abuse;

/// <summary>The pages' forms without their antiforgery token, forged cookies, drafts on the pages, and the live results hub joined without the right.</summary>
public sealed partial class AbuseTests
{
    private const string Html = "text/html";

    private static IEnumerable<Attack> Pages =>
    [
        new("vote sign-in form without its antiforgery token", h => PostPage(h, $"/elections/{h.Open}/vote",
            ("_handler", "sign-in"), ("Code", h.Codes["b"])), 400, null, Html),
        new("ballot form with a forged antiforgery token", h => PostPage(h, $"/elections/{h.Open}/vote",
            ("_handler", "ballot"), ("__RequestVerificationToken", "CfDJ8forged"), ("Grades[p1]", "0")), 400, null, Html),
        new("official sign-in form without its antiforgery token", h => PostPage(h, "/official/sign-in",
            ("_handler", "official-sign-in"), ("UserName", "admin"), ("Password", AbuseHost.AdminToken)), 400, null, Html),
        new("forged voter cookie on the ballot page", h => GetPage(h, $"/elections/{h.Open}/vote", "Submit my ballot", "voting-voter=CfDJ8forged"),
            200, "does not show Submit my ballot", Html),
        new("forged official cookie on the accounts page", h => GetPage(h, "/official/accounts", "Accounts", "voting-official=CfDJ8forged"),
            302, "does not show Accounts", null),
        new("a draft's page by anyone", h => GetPage(h, $"/elections/{h.Draft}", "Test budget"), 404, "does not show Test budget", Html),
        new("a draft's results page by anyone", h => GetPage(h, $"/elections/{h.Draft}/results", "Test budget"), 404, "does not show Test budget", Html),
        new("a draft on the home page", h => GetPage(h, "/", h.Draft), 200, "does not show draft-", Html),
        new("path traversal in a page's id", h => GetPage(h, "/elections/..%2F..%2Fetc%2Fpasswd", "root:"), 404, "does not show root:", Html),
    ];

    private static IEnumerable<Attack> Hub =>
    [
        new("joining live results anonymously", h => Join(h, null, h.Open), 0, "the results of '{open}' are published when the vote closes", null),
        new("joining live results with a forged token", h => Join(h, "forged", h.Open), 0, "the results of '{open}' are published when the vote closes", null),
        new("joining live results with a resident's code", h => Join(h, h.Codes["a"], h.Open), 0, "the results of '{open}' are published when the vote closes", null),
        new("joining a draft", h => Join(h, null, h.Draft), 0, "unknown election '{draft}'", null),
        new("joining a draft with its resident's code", h => Join(h, h.Codes["draft"], h.Draft), 0, "unknown election '{draft}'", null),
        new("joining a malformed id", h => Join(h, null, "../../etc/passwd"), 0, "unknown election '../../etc/passwd'", null),
        new("joining a 5,000-character id", h => Join(h, null, Repeat('j', 5000)), 0, "unknown election '" + Repeat('j', 64) + "…'", null),
        new("calling a hub method that does not exist", h => Answer.Hub(h.BaseAddress, null, c => c.InvokeAsync("CloseElection", h.Open)), 0,
            "Method does not exist.", null),
    ];

    private static async Task<Answer> PostPage(AbuseHost h, string path, params (string Name, string Value)[] fields)
    {
        using var browser = PageForms.Browser(h.BaseAddress);
        return await Answer.Of(await browser.PostAsync(path, PageForms.Form(fields)));
    }

    /// <summary>A page, the reason saying whether it shows <paramref name="text"/>; with a forged cookie when given.</summary>
    private static async Task<Answer> GetPage(AbuseHost h, string path, string text, string? cookie = null)
    {
        using var browser = PageForms.Browser(h.BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
            request.Headers.Add("Cookie", cookie);
        return await Answer.Page(await browser.SendAsync(request), text);
    }

    private static Task<Answer> Join(AbuseHost h, string? token, string election) =>
        Answer.Hub(h.BaseAddress, token, c => c.InvokeAsync("JoinElection", election));
}
