using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Voting.Core.Record;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests;

/// <summary>A host of its own for the record tests: thousands of casts from one address, so no rate limiting.</summary>
public sealed class RecordHost : IAsyncLifetime
{
    public const string AdminToken = "record-official-token-0123456789";

    private HostProcess? _host;

    public HostProcess Host => _host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() =>
        _host = await HostProcess.Start(new Dictionary<string, string>
        {
            ["Voting:AdminToken"] = AdminToken,
            ["Voting:LoadSeeds"] = "false",
            ["Voting:RateLimiting:Enabled"] = "false",
            // The ballot boxes of an election whose definition does not say.
            ["Voting:BallotBoxes"] = "2",
        });

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }

    public HttpClient Client(string? bearer = null, int connections = 8)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections })
        {
            BaseAddress = Host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (bearer is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }
}

/// <summary>
/// The election record end to end: an election run through the HTTP API (thousands of concurrent ballots with revotes)
/// is downloaded as a zip, verified, and recounted by the auditors' tool as a separate process, which gives the
/// engine's published results byte for byte.
/// </summary>
public sealed class RecordRoundTripTests(RecordHost host) : IClassFixture<RecordHost>
{
    private const int Voters = 1500;
    private const int Grades = 5;

    private static readonly string[] CityProjects = Enumerable.Range(1, 8).Select(i => $"c-{i:00}").ToArray();
    private static readonly string[] DistrictProjects = Enumerable.Range(1, 5).Select(i => $"d-{i:00}").ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Thousands_of_ballots_with_revotes_record_verifies_and_recounts_to_the_published_results_byte_for_byte(int boxes)
    {
        var id = NewId("record");
        using var official = host.Client(RecordHost.AdminToken);
        using var anonymous = host.Client();

        // Create, import the roll (a quarter of the voters may vote in the city envelope only).
        using (var created = await official.PostAsync("/api/elections", Json(Definition(id, boxes))))
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var roll = Enumerable.Range(0, Voters).ToDictionary(i => $"voter-{i:0000}", i => i % 4 == 0 ? new[] { "city" } : ["city", "district"]);
        Dictionary<string, string> codes;
        using (var imported = await official.PostAsync($"/api/elections/{id}/voters", Json(new JsonObject
               {
                   ["voters"] = new JsonArray(roll.Select(v => (JsonNode)new JsonObject
                   {
                       ["id"] = v.Key,
                       ["envelopes"] = new JsonArray(v.Value.Select(e => (JsonNode)JsonValue.Create(e)).ToArray()),
                   }).ToArray()),
               })))
        {
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
            codes = (await Body(imported)).GetProperty("codes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        }
        Assert.Equal(Voters, codes.Count);

        // No record for a draft.
        await AssertNoRecordYet(official, id, "draft");

        using (var opened = await official.PostAsync($"/api/elections/{id}/open", null))
            Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());

        // 3000 casts, concurrently across voters: everyone votes, a third of the voters three times more
        // (each revote replaces the previous ballot); some ballots grade part of the projects, some cover both envelopes.
        var receipts = new ConcurrentDictionary<string, List<string>>();
        var stopwatch = Stopwatch.StartNew();
        using (var voters = host.Client(connections: 64))
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, Voters), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, cancellationToken) =>
            {
                var voter = $"voter-{i:0000}";
                var random = new Random(4242 + i);
                var mine = new List<string>();
                int casts = i % 3 == 0 ? 4 : 1;
                for (int c = 0; c < casts; c++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/elections/{id}/ballots")
                    {
                        Content = Json(new JsonObject { ["grades"] = Ballot(random, roll[voter]) }),
                    };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", codes[voter]);
                    using var response = await voters.SendAsync(request, cancellationToken);
                    var text = await response.Content.ReadAsStringAsync(cancellationToken);
                    Assert.True(response.StatusCode == HttpStatusCode.Created, $"{voter} cast {c}: {(int)response.StatusCode} {text}");
                    mine.Add(JsonDocument.Parse(text).RootElement.GetProperty("receipt").GetString()!);
                }
                receipts[voter] = mine;
            });
        }
        var castTime = stopwatch.Elapsed;
        Assert.Equal(3000, receipts.Values.Sum(r => r.Count));

        // Still open: no record.
        await AssertNoRecordYet(anonymous, id, "open");

        using (var closed = await official.PostAsync($"/api/elections/{id}/close", null))
            Assert.True(closed.IsSuccessStatusCode, await closed.Content.ReadAsStringAsync());

        // The published results: the same bytes for everyone, indented as results.json.
        byte[] published;
        using (var response = await anonymous.GetAsync($"/api/elections/{id}/results"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            published = await response.Content.ReadAsByteArrayAsync();
        }
        using (var response = await official.GetAsync($"/api/elections/{id}/results"))
            Assert.Equal(published, await response.Content.ReadAsByteArrayAsync());
        var results = JsonDocument.Parse(published).RootElement;
        Assert.Equal(Voters, results.GetProperty("ballots").GetInt64());
        Assert.StartsWith("{\n  \"election\": ", Encoding.UTF8.GetString(published));

        // The record: a zip attachment.
        var folder = Path.Combine(Path.GetTempPath(), "voting-record-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        try
        {
            var zipPath = Path.Combine(folder, $"{id}-record.zip");
            stopwatch.Restart();
            using (var response = await anonymous.GetAsync($"/api/elections/{id}/record", HttpCompletionOption.ResponseHeadersRead))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
                Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
                var disposition = response.Content.Headers.ContentDisposition;
                Assert.NotNull(disposition);
                Assert.Equal("attachment", disposition.DispositionType);
                Assert.Equal($"{id}-record.zip", disposition.FileName?.Trim('"'));
                await using var file = File.Create(zipPath);
                await response.Content.CopyToAsync(file);
            }
            var downloadTime = stopwatch.Elapsed;

            // Every check of the verifier passes.
            var report = RecordVerifier.Verify(zipPath);
            Assert.True(report.Passed, report.ToString());

            // The record's files: results.json is the published bytes; the receipts are where the voters can find them.
            using (var zip = ZipFile.OpenRead(zipPath))
            {
                Assert.Equal(published, Read(zip, "results.json"));
                var manifest = JsonDocument.Parse(Read(zip, "manifest.json")).RootElement;
                Assert.Equal(Voters, manifest.GetProperty("ballots").GetInt64());
                Assert.Equal(results.GetProperty("version").GetInt64(), manifest.GetProperty("events").GetInt64());
                Assert.True(manifest.GetProperty("events").GetInt64() >= 3000);

                var csv = Encoding.UTF8.GetString(Read(zip, "ballots.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal("receipt,envelope," + string.Join(",", CityProjects.Concat(DistrictProjects)), csv[0]);
                var counted = csv.Skip(1).Select(row => row[..row.IndexOf(',')]).ToHashSet(StringComparer.Ordinal);
                var log = RecordFiles.BoxLogs(boxes).SelectMany(file => Encoding.UTF8.GetString(Read(zip, file)).Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToArray();
                if (boxes > 1) Assert.Equal(boxes, manifest.GetProperty("boxes").GetArrayLength());
                var logged = log.Select(line => JsonDocument.Parse(line).RootElement)
                    .Select(e => (Receipt: e.GetProperty("receipt").GetString()!, Replaces: e.GetProperty("replaces").GetString()))
                    .ToList();
                var loggedReceipts = logged.Select(e => e.Receipt).ToHashSet(StringComparer.Ordinal);
                var superseded = logged.Where(e => e.Replaces is not null).Select(e => e.Replaces!).ToHashSet(StringComparer.Ordinal);

                Assert.Equal(Voters, counted.Count);
                foreach (var (voter, mine) in receipts)
                {
                    // The last receipt counts: a row of ballots.csv (and events of the log).
                    Assert.True(counted.Contains(mine[^1]), $"{voter}'s last receipt {mine[^1]} is not in ballots.csv");
                    Assert.Contains(mine[^1], loggedReceipts);
                    Assert.DoesNotContain(mine[^1], superseded);
                    // The earlier ones are only in the log, shown as replaced by the next one.
                    foreach (var replaced in mine.SkipLast(1))
                    {
                        Assert.False(counted.Contains(replaced), $"{voter}'s replaced receipt {replaced} is in ballots.csv");
                        Assert.Contains(replaced, loggedReceipts);
                        Assert.Contains(replaced, superseded);
                    }
                }
            }

            // The receipt lookup says counted or replaced, never the grades.
            var revoter = receipts["voter-0003"];
            Assert.Equal(4, revoter.Count);
            await AssertReceipt(anonymous, id, revoter[^1], "counted");
            await AssertReceipt(anonymous, id, revoter[0], "replaced");
            await AssertReceipt(anonymous, id, revoter[2], "replaced");
            await AssertReceipt(anonymous, id, receipts["voter-0001"].Single(), "counted");

            // The auditors' tool, as a process: recount prints the published bytes; verify passes.
            var recount = await Audit("recount", zipPath, "--quiet");
            Assert.True(recount.ExitCode == 0, $"recount exited {recount.ExitCode}: {recount.Error}");
            Assert.True(published.AsSpan().SequenceEqual(recount.Output),
                $"the recount differs from the published results:\n{Encoding.UTF8.GetString(recount.Output)}\n---\n{Encoding.UTF8.GetString(published)}");

            var verify = await Audit("verify", zipPath);
            Assert.True(verify.ExitCode == 0, $"verify exited {verify.ExitCode}:\n{Encoding.UTF8.GetString(verify.Output)}\n{verify.Error}");

            Console.WriteLine($"record round trip: 3000 casts in {castTime.TotalSeconds:0.0} s, record downloaded in {downloadTime.TotalMilliseconds:0} ms ({new FileInfo(zipPath).Length} bytes)");
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task Record_of_an_unknown_election_is_404_with_a_reason()
    {
        using var anonymous = host.Client();
        using var response = await anonymous.GetAsync($"/api/elections/{NewId("nope")}/record");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("unknown election", (await Body(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Record_of_an_election_closed_without_ballots_verifies_with_the_configured_ballot_boxes()
    {
        var id = NewId("empty");
        using var official = host.Client(RecordHost.AdminToken);
        using (var created = await official.PostAsync("/api/elections", Json(Definition(id))))
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        using (var opened = await official.PostAsync($"/api/elections/{id}/open", null))
            Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        using (var closed = await official.PostAsync($"/api/elections/{id}/close", null))
            Assert.True(closed.IsSuccessStatusCode, await closed.Content.ReadAsStringAsync());

        using var anonymous = host.Client();
        var published = await anonymous.GetByteArrayAsync($"/api/elections/{id}/results");
        var zip = await anonymous.GetByteArrayAsync($"/api/elections/{id}/record");
        var path = Path.Combine(Path.GetTempPath(), $"voting-record-{Guid.NewGuid():n}.zip");
        try
        {
            await File.WriteAllBytesAsync(path, zip);
            var report = RecordVerifier.Verify(path);
            Assert.True(report.Passed, report.ToString());
            Assert.Equal(published, Recount.FromRecord(path).Json);
            using var archive = ZipFile.OpenRead(path);
            Assert.Equal(2, JsonDocument.Parse(Read(archive, "manifest.json")).RootElement.GetProperty("boxes").GetArrayLength());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task AssertNoRecordYet(HttpClient client, string id, string status)
    {
        using var response = await client.GetAsync($"/api/elections/{id}/record");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = (await Body(response)).GetProperty("error").GetString();
        Assert.Contains("closes", error);
        Assert.Contains(status, error);
    }

    private static async Task AssertReceipt(HttpClient client, string id, string receipt, string status)
    {
        using var response = await client.GetAsync($"/api/elections/{id}/receipts/{Uri.EscapeDataString(receipt)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Body(response);
        Assert.Equal(receipt, body.GetProperty("receipt").GetString());
        Assert.Equal(status, body.GetProperty("status").GetString());
        Assert.False(body.TryGetProperty("grades", out _), body.ToString());
        Assert.Equal(["envelopes", "receipt", "status"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>A budget in two envelopes (8 city projects, 5 district projects), greedy allocation, static:0 balancing.</summary>
    /// <param name="boxes">The definition's <c>ballotBoxes</c>; null: left to the host's configuration.</param>
    private static JsonObject Definition(string id, int? boxes = null)
    {
        var labels = new[] { ("Pas du tout convaincu·e", "Not convinced at all"), ("Pas convaincu·e", "Not convinced"), ("Pourquoi pas ?", "Why not?"), ("J'aime bien", "I like it"), ("J'adore", "I love it") };
        var definition = new JsonObject
        {
            ["id"] = id,
            ["title"] = new JsonObject { ["fr"] = "Budget participatif (registre)", ["en"] = "Participatory budget (record)" },
            ["kind"] = "budget",
            ["grades"] = new JsonArray(labels.Select(l => (JsonNode)new JsonObject { ["fr"] = l.Item1, ["en"] = l.Item2 }).ToArray()),
            ["balancing"] = "static:0",
            ["participationThreshold"] = 0.1m,
            ["envelopes"] = new JsonArray(
                Envelope("city", 2_000_000, CityProjects, p => 150_000 + 75_000 * p),
                Envelope("district", 400_000, DistrictProjects, p => 60_000 + 40_000 * p)),
        };
        if (boxes is { } count) definition["ballotBoxes"] = count;
        return definition;

        static JsonObject Envelope(string id, long budget, string[] projects, Func<int, long> cost) => new()
        {
            ["id"] = id,
            ["title"] = new JsonObject { ["fr"] = "Enveloppe " + id, ["en"] = "Envelope " + id },
            ["budget"] = budget,
            ["rule"] = "greedy",
            ["projects"] = new JsonArray(projects.Select((p, i) => (JsonNode)new JsonObject
            {
                ["id"] = p,
                ["title"] = new JsonObject { ["fr"] = "Projet " + p, ["en"] = "Project " + p },
                ["cost"] = cost(i),
            }).ToArray()),
        };
    }

    /// <summary>
    /// A ballot the voter may cast: the city envelope, the district one or both (when allowed), every project of an
    /// envelope or only some; each project's grades lean its own way so that the ranking is not a coin toss.
    /// </summary>
    private static JsonObject Ballot(Random random, string[] allowed)
    {
        var covered = allowed.Length == 1
            ? allowed
            : random.Next(20) switch { < 12 => allowed, < 17 => ["city"], _ => ["district"] };
        var grades = new JsonObject();
        foreach (var envelope in covered)
        {
            var projects = envelope == "city" ? CityProjects : DistrictProjects;
            bool partial = random.Next(10) < 3;
            var chosen = projects.Where(_ => !partial || random.Next(2) == 0).ToList();
            if (chosen.Count == 0)
                chosen.Add(projects[random.Next(projects.Length)]);
            foreach (var project in chosen)
            {
                int lean = int.Parse(project[2..], System.Globalization.CultureInfo.InvariantCulture) % 5 - 2;
                int grade = random.Next(Grades);
                if (random.Next(2) == 0)
                    grade = Math.Clamp(grade + lean, 0, Grades - 1);
                grades[project] = grade;
            }
        }
        return grades;
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"the record has no {name}");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed record AuditRun(int ExitCode, byte[] Output, string Error);

    /// <summary>Runs <c>dotnet voting-audit.dll ARGS</c> as an auditor would; stdout as raw bytes.</summary>
    private static async Task<AuditRun> Audit(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AuditDll());
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start voting-audit");
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"voting-audit {string.Join(' ', args)} did not finish within a minute");
        }
        await copy;
        return new AuditRun(process.ExitCode, output.ToArray(), await error);
    }

    /// <summary>The auditors' tool built beside the sources (same configuration as these tests), else the copy in the test output.</summary>
    private static string AuditDll() => HostProcess.BuiltDll("Voting.Audit", "voting-audit.dll");
}
