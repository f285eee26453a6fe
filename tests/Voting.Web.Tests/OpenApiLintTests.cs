using System.Diagnostics;
using System.Net;
using System.Text.Json;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests;

/// <summary>
/// The OpenAPI document the host serves passes Redocly's recommended rules and Spectral's <c>spectral:oas</c> (both pinned
/// in <c>.ci/openapi-lint</c>), and says what the API does: which operations need a bearer, item types, integers, the zip.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiLintTests(ApiHost api)
{
    /// <summary>
    /// Warnings whose rule would have the document say something untrue, by linter and rule, with the operation they may
    /// concern (empty: the document's info). Every other warning fails the test.
    /// </summary>
    private static readonly HashSet<(string Linter, string Rule, string Where)> UntrueDemands =
    [
        ("redocly", "info-license", "#/info"), // no license has been chosen for the engine
        ("spectral", "info-contact", "info"), // there is no contact to publish
        ("redocly", "operation-4xx-response", "#/paths/~1api~1elections/get/responses"), // listing the elections has no 4xx answer
    ];

    [OpenApiLintFact]
    public async Task Redocly_recommended_rules_find_no_error()
    {
        var (exit, report) = await Lint(Path.Combine("node_modules", "@redocly", "cli", "bin", "cli.js"),
            document => ["lint", "--config", "redocly.yaml", "--format=json", document]);
        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(p => (Severity: p.GetProperty("severity").GetString()!, Rule: p.GetProperty("ruleId").GetString()!,
                Where: p.GetProperty("location")[0].GetProperty("pointer").GetString()!, Message: p.GetProperty("message").GetString()!))
            .ToArray();
        Assert.Empty(problems.Where(p => p.Severity == "error").ToArray());
        Assert.Empty(problems.Where(p => !UntrueDemands.Contains(("redocly", p.Rule, p.Where))).ToArray());
        Assert.Equal(0, exit);
    }

    [OpenApiLintFact]
    public async Task Spectral_oas_rules_find_no_error()
    {
        var (exit, report) = await Lint(Path.Combine("node_modules", "@stoplight", "spectral-cli", "dist", "index.js"),
            document => ["lint", "--ruleset", ".spectral.yaml", "--format", "json", document]);
        var problems = report.EnumerateArray()
            .Select(p => (Severity: p.GetProperty("severity").GetInt32(), Rule: p.GetProperty("code").GetString()!,
                Where: string.Join('.', p.GetProperty("path").EnumerateArray().Select(s => s.ToString())), Message: p.GetProperty("message").GetString()!))
            .ToArray();
        Assert.Empty(problems.Where(p => p.Severity == 0).ToArray()); // 0 error, 1 warning, 2 information, 3 hint
        Assert.Empty(problems.Where(p => p.Severity == 1 && !UntrueDemands.Contains(("spectral", p.Rule, p.Where))).ToArray());
        Assert.Equal(0, exit);
    }

    /// <summary>Every operation, asked without credentials, answers 401 exactly when its declared security needs the bearer (and declares its rate limit's 429).</summary>
    [Fact]
    public async Task Each_operation_declares_the_credential_it_needs()
    {
        var document = await Document();
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        using var anonymous = api.Anonymous();
        var checkedOperations = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            var requirements = operation.Value.GetProperty("security").EnumerateArray().ToArray();
            bool needsBearer = requirements.Length > 0 && requirements.All(r => r.TryGetProperty("bearer", out _));
            bool acceptsBearer = requirements.Any(r => r.TryGetProperty("bearer", out _));
            Assert.All(requirements, r => Assert.True(r.EnumerateObject().All(s => s.Name == "bearer"), r.ToString()));

            var url = path.Name.Replace("{id}", "no-such-election").Replace("{receipt}", "no-such-receipt");
            using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url);
            if (request.Method == HttpMethod.Post)
                request.Content = Json("{}");
            using var response = await anonymous.SendAsync(request);
            var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
            Assert.True(needsBearer == (response.StatusCode == HttpStatusCode.Unauthorized),
                $"{name} declares {(needsBearer ? "the bearer" : acceptsBearer ? "an optional bearer" : "no credential")} but answers {(int)response.StatusCode} without one");
            if (needsBearer)
            {
                Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
                // every operation with a credential is rate limited (RateLimitTests): its 429 is documented
                Assert.True(operation.Value.GetProperty("responses").TryGetProperty("429", out _), $"{name} does not declare its 429");
            }
            checkedOperations.Add(name);
        }
        Assert.Contains("POST /api/elections/{id}/ballots", checkedOperations);
        Assert.Contains("GET /api/elections/{id}/receipts/{receipt}", checkedOperations);
        var results = document.GetProperty("paths").GetProperty("/api/elections/{id}/results").GetProperty("get").GetProperty("security");
        Assert.Contains(results.EnumerateArray(), r => !r.EnumerateObject().Any()); // public once the vote is closed
    }

    /// <summary>Arrays name their items; numbers are numbers only (the API refuses a number sent as a string).</summary>
    [Fact]
    public async Task Arrays_keep_their_items_and_integers_are_integers()
    {
        var document = await Document();
        var schemas = Schemas(document, "#").ToArray();
        Assert.NotEmpty(schemas);
        Assert.Empty(schemas.Where(s => Types(s.Schema).Contains("array") && !s.Schema.TryGetProperty("items", out _)).Select(s => s.Where).ToArray());
        Assert.Empty(schemas.Where(s => Types(s.Schema).Contains("string") && Types(s.Schema).Overlaps(["integer", "number"])).Select(s => s.Where).ToArray());

        var definition = document.GetProperty("components").GetProperty("schemas").GetProperty("ElectionDefinition").GetProperty("properties");
        Assert.Equal("#/components/schemas/LocalizedText", definition.GetProperty("grades").GetProperty("items").GetProperty("$ref").GetString());
        var grade = document.GetProperty("components").GetProperty("schemas").GetProperty("BallotRequest")
            .GetProperty("properties").GetProperty("grades").GetProperty("additionalProperties");
        Assert.Equal(new[] { "integer" }, Types(grade));

        using var voter = api.WithBearer("any-code");
        using var asString = await voter.PostAsync("/api/elections/no-such-election/ballots", Json("""{"grades": {"p1": "1"}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, asString.StatusCode);
    }

    [Fact]
    public async Task The_record_is_a_zip_and_no_server_address_is_guessed()
    {
        var document = await Document();
        var ok = document.GetProperty("paths").GetProperty("/api/elections/{id}/record").GetProperty("get").GetProperty("responses").GetProperty("200");
        Assert.Equal(["application/zip"], ok.GetProperty("content").EnumerateObject().Select(c => c.Name));
        var servers = document.TryGetProperty("servers", out var list) ? list.EnumerateArray().Select(s => s.GetProperty("url").GetString()!).ToArray() : [];
        // Only paths relative to where the document was fetched from (on Unix "/" would parse as an absolute file URI).
        Assert.All(servers, url => Assert.True(url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal), $"server '{url}' names an address"));
        Assert.DoesNotContain(api.BaseAddress.Authority, document.ToString());
    }

    private async Task<JsonElement> Document()
    {
        using var anonymous = api.Anonymous();
        using var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Body(response);
    }

    /// <summary>Runs a linter's <paramref name="script"/> (installed from <c>.ci/openapi-lint</c> if need be) on the document as the host serves it; its exit code and JSON report.</summary>
    private async Task<(int Exit, JsonElement Report)> Lint(string script, Func<string, IReadOnlyList<string>> arguments)
    {
        var folder = NodePackages.Folder("openapi-lint");
        await NodePackages.EnsureInstalledAsync(folder, Path.Combine(folder, script));
        using var anonymous = api.Anonymous();
        var file = Path.Combine(Path.GetTempPath(), $"voting-openapi-{Guid.NewGuid():n}.json");
        await File.WriteAllBytesAsync(file, await anonymous.GetByteArrayAsync("/openapi/v1.json"));
        try
        {
            var (exit, output, errors) = await Run(folder, script, arguments(file));
            return (exit, Parse(output, errors));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(int Exit, string Output, string Errors)> Run(string folder, string script, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // No telemetry nor update check: the linters run offline.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var node = NodePackages.StartOrExplain(start);
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw;
        }
        return (node.ExitCode, await output, await errors);
    }

    private static JsonElement Parse(string output, string errors)
    {
        try
        {
            return JsonDocument.Parse(output).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"the linter's report is not JSON ({e.Message}):\n{output}\n{errors}");
        }
    }

    private static IEnumerable<(string Where, JsonElement Schema)> Schemas(JsonElement node, string where)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("type", out _))
                yield return (where, node);
            foreach (var property in node.EnumerateObject())
            foreach (var inner in Schemas(property.Value, $"{where}/{property.Name}"))
                yield return inner;
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var item in node.EnumerateArray())
            foreach (var inner in Schemas(item, $"{where}/{i++}"))
                yield return inner;
        }
    }

    private static HashSet<string> Types(JsonElement schema) => !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToHashSet()
        : type.ValueKind == JsonValueKind.String ? [type.GetString()!] : [];
}

/// <summary>A fact that reports itself skipped, not passed, when Node.js or npm is not installed to run the linters.</summary>
public sealed class OpenApiLintFactAttribute : FactAttribute
{
    public OpenApiLintFactAttribute()
    {
        if (NodePackages.MissingReason is { } reason)
            Skip = reason;
    }
}
