using System.Net;
using System.Text.Json.Nodes;
using Voting.Core.Record;
using Xunit.Abstractions;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests;

/// <summary>What the fault tests share: an open election to load, and the check of what clients were told against its record.</summary>
public static class FaultChecks
{
    /// <summary>An open budget election with <paramref name="voters"/> voters on its roll, and their codes.</summary>
    public static async Task<(string Id, IReadOnlyList<(string Voter, string Code)> Voters)> Prepare(HostProcess node, string token, int voters = 120)
    {
        using var official = node.WithBearer(token);
        var id = NewId("fault");
        using (var created = await official.PostAsync("/api/elections", Json(Budget(id))))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var roll = new JsonArray(Enumerable.Range(1, voters).Select(v => (JsonNode)new JsonObject { ["id"] = $"v{v}" }).ToArray());
        IReadOnlyList<(string, string)> codes;
        using (var imported = await official.PostAsync($"/api/elections/{id}/voters", Json(new JsonObject { ["voters"] = roll })))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
            codes = (await Body(imported)).GetProperty("codes").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)).ToArray();
        }
        using (var opened = await official.PostAsync($"/api/elections/{id}/open", null))
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        return (id, codes);
    }

    /// <summary>
    /// Closes the vote, downloads the record into <paramref name="folder"/>, verifies it (the results are a recount of
    /// its ballots) and checks the ledger against it; returns the record's files.
    /// </summary>
    public static async Task<Dictionary<string, byte[]>> CloseAndCheck(HostProcess node, string token, string id, BallotLedger ledger, string folder, ITestOutputHelper output)
    {
        using (var official = node.WithBearer(token))
        using (var closed = await official.PostAsync($"/api/elections/{id}/close", null))
            Assert.True(closed.StatusCode == HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        var zip = Path.Combine(folder, $"{id}-record.zip");
        await File.WriteAllBytesAsync(zip, await Download(node, id));
        using var record = ElectionRecordReader.Open(zip);
        var report = RecordVerifier.Verify(record);
        Assert.True(report.Passed, string.Join('\n', report.Findings));
        var problems = ledger.Check(record);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        output.WriteLine($"record verified; {ledger.Acknowledged} acknowledged ballots all in it once, one counted per voter");
        return RecordFiles(await File.ReadAllBytesAsync(zip));
    }

    public static async Task<byte[]> Download(HostProcess node, string id)
    {
        using var response = await node.Client.GetAsync($"/api/elections/{id}/record");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static Dictionary<string, byte[]> RecordFiles(byte[] zip)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            return bytes.ToArray();
        });
    }

    /// <summary>
    /// Casts under load while <paramref name="outage"/> keeps the storage away (it calls the action it is given once the
    /// storage is gone, and returns once it is back), then checks what the clients were told: the casts sent more than a
    /// second after the storage was gone and answered before it was back were refused with 503, <c>Retry-After</c> and a
    /// word about the storage; the vote resumed by itself; nothing else but 201 and 503 was answered.
    /// </summary>
    public static async Task UnderStorageOutage(CastLoad load, BallotLedger ledger, Func<Action, Task> outage, string gone, ITestOutputHelper output)
    {
        using var stop = new CancellationTokenSource();
        var running = load.Run(workers: 8, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(2));
        TimeSpan? goneAt = null;
        await outage(() => goneAt = load.Clock.Elapsed);
        Assert.NotNull(goneAt);
        var backAt = load.Clock.Elapsed;
        var resumed = await load.FirstAcknowledgementAfter(backAt, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await running;

        var answers = load.Answers;
        var meanwhile = answers.Where(a => a.Sent > goneAt.Value + TimeSpan.FromSeconds(1) && a.Answered < backAt).ToArray();
        output.WriteLine($"{gone} for {Seconds(backAt - goneAt.Value)}; {meanwhile.Length} casts answered meanwhile, "
                         + $"slowest in {Seconds(meanwhile.Select(a => a.Answered - a.Sent).DefaultIfEmpty().Max())}");
        output.WriteLine($"first acknowledged ballot {Seconds(resumed?.Answered - backAt)} after the storage came back");
        output.WriteLine(Summary(answers, ledger));
        Assert.NotEmpty(meanwhile);
        Assert.All(meanwhile, a =>
        {
            Assert.True(a.Status == 503 && a.RetryAfter, $"{a.Status}: {a.Reason}");
            Assert.Contains("storage", a.Reason, StringComparison.Ordinal);
        });
        Assert.NotNull(resumed);
        Assert.All(answers, a => Assert.True(a.Status is 201 or 503, $"{a.Status}: {a.Reason}"));
    }

    public static string Summary(IReadOnlyList<CastLoad.Answer> answers, BallotLedger ledger) =>
        $"{answers.Count} casts: {ledger.Acknowledged} acknowledged, {ledger.Uncertain} not ("
        + string.Join(", ", answers.Where(a => a.Status != 201).GroupBy(a => a.Status).Select(g => $"{g.Count()} x {(g.Key == 0 ? "no answer" : g.Key)}"))
        + ")";

    public static string Seconds(TimeSpan? span) => span is { } s ? $"{s.TotalSeconds:0.00} s" : "(never)";
}
