namespace Voting.Web.Tests.Abuse;

/// <summary>
/// What only a raw socket sends: bodies that stall, are cut short, lie about their length or their chunking, and
/// requests that are not HTTP. The server answers with a problem while the connection allows it, and logs no more
/// than a warning.
/// </summary>
public sealed partial class AbuseTests
{
    private const string CutShort = "the request body is malformed or was cut short";

    private static IEnumerable<Attack> Wire =>
    [
        // Kestrel's minimum body data rate (240 bytes/s after a 5 s grace period) ends the wait.
        new("a ballot that stalls mid-body", h => Answer.Raw(h.BaseAddress, RawRequest(h, "POST", $"/api/elections/{h.Open}/ballots",
            $"Authorization: Bearer {h.Codes["a"]}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n", """{"grades": """)),
            408, "the request body arrived too slowly"),
        new("a page form that stalls mid-body", h => Answer.Raw(h.BaseAddress, RawRequest(h, "POST", $"/elections/{h.Open}/vote",
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n", "_handler=sign-in&Co")),
            408, "the request body arrived too slowly"),
        new("malformed chunked encoding", h => Answer.Raw(h.BaseAddress, RawRequest(h, "POST", $"/api/elections/{h.Open}/ballots",
            $"Authorization: Bearer {h.Codes["a"]}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n")),
            400, CutShort),
        new("chunk longer than announced", h => Answer.Raw(h.BaseAddress, RawRequest(h, "POST", $"/api/elections/{h.Open}/ballots",
            $"Authorization: Bearer {h.Codes["a"]}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n", "2\r\n{\"grades\"\r\n0\r\n\r\n")),
            400, CutShort),
        new("a body cut short by the client", h => Answer.Raw(h.BaseAddress, RawRequest(h, "POST", $"/api/elections/{h.Open}/ballots",
            $"Authorization: Bearer {h.Codes["a"]}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n", """{"grades": {"p1": 0"""), endSending: true),
            0, null, null),
        new("Content-Length beyond the limit", h => Answer.Raw(h.BaseAddress, RawRequest(h, "POST", $"/api/elections/{h.Open}/ballots",
            $"Authorization: Bearer {h.Codes["a"]}\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n")),
            413, "the body is larger than the limit of 1048576 bytes"),
        new("Content-Length shorter than the body", h => Answer.Raw(h.BaseAddress, RawRequest(h, "POST", $"/api/elections/{h.Open}/ballots",
            $"Authorization: Bearer {h.Codes["a"]}\r\nContent-Type: application/json\r\nContent-Length: 12\r\n", """{"grades": {"p1": 0}}""")),
            400, Malformed),
        new("both Content-Length and chunked", h => Answer.Raw(h.BaseAddress, RawRequest(h, "POST", $"/api/elections/{h.Open}/ballots",
            $"Authorization: Bearer {h.Codes["a"]}\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n", "zz\r\n")),
            400, CutShort),
        new("a request line that is not HTTP", h => Answer.Raw(h.BaseAddress, "GARBAGE\r\n\r\n"), 400, null, null),
        new("headers over the limit", h => Answer.Raw(h.BaseAddress, RawRequest(h, "GET", "/api/elections", $"X-Padding: {Repeat('h', 64 * 1024)}\r\n")), 431, null, null),
    ];
}
