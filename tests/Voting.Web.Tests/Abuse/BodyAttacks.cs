using System.Text;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests.Abuse;

/// <summary>Ballots that are not JSON, not the right JSON, too large, or the right JSON with the wrong things in it.</summary>
public sealed partial class AbuseTests
{
    private const string Malformed = "malformed JSON";
    private const string Refused = "the ballot is refused: ";

    private static IEnumerable<Attack> Bodies =>
    [
        new("truncated JSON", h => CastAsA(h, """{"grades": {"p1": 4"""), 400, Malformed + " at line 1"),
        new("trailing garbage", h => CastAsA(h, """{"grades": {"p1": 1}} x"""), 400, Malformed),
        new("single quotes", h => CastAsA(h, "{'grades': {'p1': 1}}"), 400, Malformed),
        new("a comment", h => CastAsA(h, """{"grades": {"p1": 1} /* admin */}"""), 400, Malformed),
        new("a trailing comma", h => CastAsA(h, """{"grades": {"p1": 1},}"""), 400, Malformed),
        new("NaN grade", h => CastAsA(h, """{"grades": {"p1": NaN}}"""), 400, Malformed),
        new("white space only", h => CastAsA(h, "   "), 400, Malformed),
        new("empty body", h => CastAsA(h, ""), 400, "the body is empty"),
        new("JSON null", h => CastAsA(h, "null"), 400, "the body is null"),
        new("an array body", h => CastAsA(h, "[1, 2]"), 400, "unexpected value at $:"),
        new("a string body", h => CastAsA(h, "\"grades\""), 400, "unexpected value at $:"),
        new("grade as a string", h => CastAsA(h, """{"grades": {"p1": "4"}}"""), 400, "unexpected value at $.grades.p1:"),
        new("fractional grade", h => CastAsA(h, """{"grades": {"p1": 2.5}}"""), 400, "unexpected value at $.grades.p1:"),
        new("huge exponent", h => CastAsA(h, """{"grades": {"p1": 1e400}}"""), 400, "unexpected value at $.grades.p1:"),
        new("integer beyond 64 bits", h => CastAsA(h, """{"grades": {"p1": 99999999999999999999}}"""), 400, "unexpected value at $.grades.p1:"),
        new("integer beyond 32 bits", h => CastAsA(h, """{"grades": {"p1": 2147483648}}"""), 400, "unexpected value at $.grades.p1:"),
        new("grades as an array", h => CastAsA(h, """{"grades": [4, 2]}"""), 400, "unexpected value at $.grades:"),
        new("grades null", h => CastAsA(h, """{"grades": null}"""), 400, Refused + "grades: give a grade index per project"),
        new("no grades", h => CastAsA(h, "{}"), 400, Refused + "grades: give a grade index per project"),
        new("empty grades", h => CastAsA(h, """{"grades": {}}"""), 400, Refused + "grades: give a grade index per project"),
        new("grade above the scale", h => CastAsA(h, """{"grades": {"p1": 5}}"""), 400, Refused + "grades.p1: grade 5 of project 'p1' is outside the scale"),
        new("negative grade", h => CastAsA(h, """{"grades": {"p1": -1}}"""), 400, Refused + "grades.p1: grade -1 of project 'p1' is outside the scale"),
        new("unknown project", h => CastAsA(h, """{"grades": {"zzz": 1}}"""), 400, Refused + "grades.zzz: unknown project 'zzz'"),
        new("duplicate key in the grades", h => CastAsA(h, """{"grades": {"p1": 4, "p1": 0}}"""), 400, "duplicate key: the key 'p1' appears twice"),
        new("duplicate top-level key", h => CastAsA(h, """{"grades": {"p1": 4}, "grades": {"p1": 0}}"""), 400, "duplicate key: the key 'grades' appears twice"),
        new("duplicate key spelt with an escape", h => CastAsA(h, """{"grades": {"p1": 4, "p\u0031": 0}}"""), 400, "duplicate key: the key 'p1' appears twice"),
        new("unknown member", h => CastAsA(h, """{"grades": {"p1": 1}, "voter": "b"}"""), 400, "unexpected value at $.voter: an unknown member"),
        new("receipt and revision smuggled in", h => CastAsA(h, $$"""{"grades": {"p1": 1}, "receipt": "{{h.Receipt}}", "revision": 0}"""), 400, "unexpected value at $.receipt: an unknown member"),
        new("nesting 100 deep", h => CastAsA(h, "{\"grades\": " + Repeat('[', 100) + Repeat(']', 100) + "}"), 400, Malformed),
        new("invalid UTF-8", h => Cast(h, h.Codes["a"], Bytes([.. "{\"grades\": {\"p"u8, 0xFF, .. "\": 1}}"u8])), 400, Malformed + ": the text is not valid UTF-8"),
        new("lone surrogate escape", h => CastAsA(h, """{"grades": {"\ud800": 1}}"""), 400, Malformed + ": the text is not valid UTF-8"),
        new("zero-width space in a project id", h => CastAsA(h, "{\"grades\": {\"p1\u200b\": 1}}"), 400, Refused + "grades.p1\u200b: unknown project"),
        new("Cyrillic look-alike project id", h => CastAsA(h, "{\"grades\": {\"\u04401\": 1}}"), 400, Refused + "grades.\u04401: unknown project"),
        new("right-to-left override in a project id", h => CastAsA(h, "{\"grades\": {\"\u202ep1\": 1}}"), 400, Refused + "grades.\u202ep1: unknown project"),
        new("NUL in a project id", h => CastAsA(h, """{"grades": {"p1\u0000": 1}}"""), 400, Refused + "grades.p1\0: unknown project"),
        new("SQL in a project id", h => CastAsA(h, """{"grades": {"p1'; DROP TABLE ballots; --": 1}}"""), 400, Refused + "grades.p1'; DROP TABLE ballots; --: unknown project"),
        new("10,000-character project id", h => CastAsA(h, "{\"grades\": {\"" + Repeat('z', 10_000) + "\": 1}}"), 400,
            Refused + "grades." + Repeat('z', 64) + "…: unknown project '" + Repeat('z', 64) + "…'"),
        new("body over 1 MiB", h => CastAsA(h, $$"""{"grades": {"p1": 4}, "padding": "{{Repeat('x', (1 << 20) + 10)}}"}"""), 413,
            "the body is larger than the limit of 1048576 bytes"),
        new("chunked body over 1 MiB", h => Cast(h, h.Codes["a"], Chunked(Encoding.UTF8.GetBytes($$"""{"grades": {"p1": 4}, "padding": "{{Repeat('x', (1 << 20) + 10)}}"}"""))), 413,
            "the body is larger than the limit of 1048576 bytes"),
        new("text/plain ballot", h => Cast(h, h.Codes["a"], Text(AbuseHost.Ballot, "text/plain")), 415, "send the body as application/json (got 'text/plain"),
        new("form-encoded ballot", h => Cast(h, h.Codes["a"], PageForms.Form(("grades", "p1=4"))), 415,
            "send the body as application/json (got 'application/x-www-form-urlencoded')"),
        new("no content type", h => Cast(h, h.Codes["a"], Bytes(Encoding.UTF8.GetBytes(AbuseHost.Ballot), contentType: null)), 415,
            "send the body as application/json (got 'no content type')"),
        new("300-character content type", h => Cast(h, h.Codes["a"], Bytes(Encoding.UTF8.GetBytes(AbuseHost.Ballot), "application/x-" + Repeat('y', 300))), 415,
            "send the body as application/json (got 'application/x-" + Repeat('y', 64 - "application/x-".Length) + "…')"),
    ];

    /// <summary>A body sent with chunked transfer encoding (no Content-Length).</summary>
    private static StreamContent Chunked(byte[] body)
    {
        var content = new StreamContent(new UnseekableStream(body));
        content.Headers.ContentType = new("application/json");
        return content;
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
