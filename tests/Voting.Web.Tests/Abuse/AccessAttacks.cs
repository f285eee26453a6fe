using System.Net.Http.Headers;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests.Abuse;

/// <summary>Wrong or missing credentials, the wrong moment, the wrong envelope, drafts, receipts and ids that are not ids.</summary>
public sealed partial class AbuseTests
{
    private const string UnknownCode = "unknown invitation code";
    private const string NotOfficial = "this is an official's request";
    private const string BadToken = "the official token is not valid";

    private static IEnumerable<Attack> Access =>
    [
        new("cast without a code", h => Cast(h, null, Json(AbuseHost.Ballot)), 401, "send your invitation code as Authorization: Bearer <code>"),
        new("cast with an unknown code", h => Cast(h, "not-a-code", Json(AbuseHost.Ballot)), 401, UnknownCode),
        new("cast with the code of another election", h => Cast(h, h.Codes["draft"], Json(AbuseHost.Ballot)), 401, UnknownCode),
        new("cast with the official token", h => Cast(h, AbuseHost.AdminToken, Json(AbuseHost.Ballot)), 401, UnknownCode),
        new("cast with a receipt as the code", h => Cast(h, h.Receipt, Json(AbuseHost.Ballot)), 401, UnknownCode),
        new("cast with a 10,000-character code", h => Cast(h, Repeat('c', 10_000), Json(AbuseHost.Ballot)), 401, UnknownCode),
        new("cast with Basic credentials", h => CastWith(h, new AuthenticationHeaderValue("Basic", "YTpi")), 401, "send your invitation code"),
        new("grading a project outside the voter's envelopes", h => CastAsA(h, """{"grades": {"d1": 4}}"""), 403,
            Refused + "grades.d1: project 'd1' is in envelope 'district', which this invitation may not vote in"),
        new("grading one project inside and one outside", h => CastAsA(h, """{"grades": {"p1": 0, "d2": 4}}"""), 403, Refused + "grades.d2: project 'd2' is in envelope 'district'"),
        new("cast before the opening", h => Cast(h, h.Codes["draft"], Json(AbuseHost.Ballot), h.Draft), 409, "the vote on '{draft}' is not open yet"),
        new("cast after the close", h => Cast(h, h.Codes["closed"], Json("""{"grades": {"p1": 0}}"""), h.Closed), 409, "the vote on '{closed}' is closed"),
        new("create with a resident's code", h => Post(h, "/api/elections", h.Codes["a"], Json(Budget(NewId("x")))), 401, BadToken),
        new("create without a token", h => Post(h, "/api/elections", null, Json(Budget(NewId("x")))), 401, NotOfficial),
        new("official token with a suffix", h => Post(h, "/api/elections", AbuseHost.AdminToken + "x", Json(Budget(NewId("x")))), 401, BadToken),
        new("official token in upper case", h => Post(h, "/api/elections", AbuseHost.AdminToken.ToUpperInvariant(), Json(Budget(NewId("x")))), 401, BadToken),
        new("official token in the query string", h => Post(h, $"/api/elections?access_token={AbuseHost.AdminToken}", null, Json(Budget(NewId("x")))), 401, NotOfficial),
        new("close by anyone", h => Post(h, $"/api/elections/{h.Open}/close", null, null), 401, NotOfficial),
        new("close with a resident's code", h => Post(h, $"/api/elections/{h.Open}/close", h.Codes["a"], null), 401, BadToken),
        new("voter import by anyone", h => Post(h, $"/api/elections/{h.Draft}/voters", null, Json("""{"voters": [{"id": "c"}]}""")), 401, NotOfficial),
        new("opening the open election again", h => Post(h, $"/api/elections/{h.Open}/open", AbuseHost.AdminToken, null), 409, "election '{open}' is already open"),
        new("reopening the closed election", h => Post(h, $"/api/elections/{h.Closed}/open", AbuseHost.AdminToken, null), 409, "election '{closed}' is"),
        new("live results without a token", h => Get(h, $"/api/elections/{h.Open}/results"), 403, "the results of '{open}' are published when the vote closes"),
        new("live results with a forged token", h => Get(h, $"/api/elections/{h.Open}/results", "forged"), 401, BadToken + "; live results are for officials"),
        new("live results with a resident's code", h => Get(h, $"/api/elections/{h.Open}/results", h.Codes["a"]), 401, BadToken + "; live results are for officials"),
        new("record before the close", h => Get(h, $"/api/elections/{h.Open}/record"), 409, "the record of '{open}' is published when the vote closes"),
        new("a draft read by anyone", h => Get(h, $"/api/elections/{h.Draft}"), 404, "unknown election '{draft}'"),
        new("a draft read with its resident's code", h => Get(h, $"/api/elections/{h.Draft}", h.Codes["draft"]), 404, "unknown election '{draft}'"),
        new("a draft's results by anyone", h => Get(h, $"/api/elections/{h.Draft}/results"), 404, "unknown election '{draft}'"),
        new("a draft's record by anyone", h => Get(h, $"/api/elections/{h.Draft}/record"), 404, "unknown election '{draft}'"),
        new("path traversal in the id", h => Get(h, "/api/elections/..%2F..%2Fetc%2Fpasswd"), 404, "unknown election '..%2F..%2Fetc%2Fpasswd'"),
        new("SQL in the id", h => Get(h, "/api/elections/x'%20OR%20'1'%3D'1"), 404, "unknown election 'x' OR '1'='1'"),
        new("1,000-character id", h => Get(h, "/api/elections/" + Repeat('e', 1000)), 404, "unknown election '" + Repeat('e', 64) + "…'"),
        new("path traversal in a receipt", h => Get(h, $"/api/elections/{h.Open}/receipts/..%2F..%2Fvoting.db"), 404, "unknown receipt"),
        new("forged receipt", h => Get(h, $"/api/elections/{h.Open}/receipts/{Guid.NewGuid():n}"), 404, "unknown receipt"),
        new("receipt of another election", h => Get(h, $"/api/elections/{h.Open}/receipts/{h.ClosedReceipt}"), 404, "unknown receipt"),
        new("ballot lookup with a receipt as the code", h => Get(h, $"/api/elections/{h.Open}/ballot", h.Receipt), 401, UnknownCode),
        new("DELETE an election", h => Send(h, HttpMethod.Delete, $"/api/elections/{h.Open}", AbuseHost.AdminToken), 405, "DELETE is not allowed here"),
        new("unknown API route", h => Get(h, "/api/admin"), 404, "no such resource"),
    ];

    private static async Task<Answer> CastWith(AbuseHost h, AuthenticationHeaderValue authorization)
    {
        using var client = h.Anonymous();
        client.DefaultRequestHeaders.Authorization = authorization;
        return await Answer.Of(await client.PostAsync($"/api/elections/{h.Open}/ballots", Json(AbuseHost.Ballot)));
    }
}
