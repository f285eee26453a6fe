using System.Net;

namespace Voting.Web.Tests.Abuse;

/// <summary>Every response carries the security headers: pages, the API docs, static files, problems and the framework's own errors.</summary>
[Collection(AbuseCollection.Name)]
public sealed class SecurityHeaderTests(AbuseHost host)
{
    [Theory]
    [InlineData("GET", "/", 200)]
    [InlineData("GET", "/scalar/", 200)]
    [InlineData("GET", "/openapi/v1.json", 200)]
    [InlineData("GET", "/site.css", 200)]
    [InlineData("GET", "/official/sign-in", 200)]
    [InlineData("GET", "/elections/no-such-election", 404)]
    [InlineData("GET", "/api/elections/no-such-election", 404)]
    [InlineData("DELETE", "/api/elections", 405)]
    [InlineData("POST", "/api/elections", 415)]
    [InlineData("POST", "/official/sign-in", 400)]
    public async Task Are_on_every_response(string method, string path, int status)
    {
        using var client = PageForms.Browser(host.BaseAddress);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
            request.Content = PageForms.Form(("_handler", "official-sign-in"));
        using var response = await client.SendAsync(request);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("'unsafe-eval'", policy);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"no {name} header on {response.RequestMessage?.RequestUri}");
}
