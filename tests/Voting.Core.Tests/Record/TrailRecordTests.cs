using System.Runtime.CompilerServices;
using Voting.Core.Json;
using Voting.Core.Record;
using Voting.Core.Trail;

namespace Voting.Core.Tests.Record;

/// <summary>
/// The election's audit trail in the record: the writer puts it in trail.jsonl and the reader gives it back; the
/// verifier's trail check passes a well-formed trail written by hand (not by the writer) and names the line and field
/// of each defect; a record without a trail is one written before the engine kept one.
/// </summary>
public class TrailRecordTests(SampleRecord sample) : IClassFixture<SampleRecord>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    /// <summary>A whole election's trail, as an auditor would write it by hand.</summary>
    private static readonly string[] Wellformed =
    [
        """{"at":"2026-03-01T09:30:00Z","actor":"alice","address":"198.51.100.1","action":"create"}""",
        """{"at":"2026-03-01T09:31:00.25Z","actor":"token","address":"203.0.113.3","action":"import","voters":250}""",
        """{"at":"2026-03-02T08:00:00Z","actor":"alice","address":"198.51.100.1","action":"open"}""",
        """{"at":"2026-03-02T10:00:00Z","actor":"bob","address":"2001:db8::2","action":"import","voters":1}""",
        """{"at":"2026-03-09T20:00:00Z","actor":"alice","address":"198.51.100.1","action":"close"}""",
    ];

    [Fact]
    public async Task The_writer_puts_the_trail_in_the_record_and_the_reader_gives_it_back()
    {
        var trail = new TrailEntry[]
        {
            new(Start, "alice", "198.51.100.1", TrailAction.Create),
            new(Start.AddMinutes(1), Actor: "token", Address: "203.0.113.3", TrailAction.Import, Voters: 3000),
            new(Start.AddDays(1), "alice", "198.51.100.1", TrailAction.Open),
            new(Start.AddDays(8).AddTicks(1234567), "alice", "198.51.100.1", TrailAction.Close),
        };
        using var folder = new TempFolder();
        var zip = folder["trail.zip"];
        RecordManifest manifest;
        await using (var file = File.Create(zip))
            manifest = await ElectionRecordWriter.WriteZipAsync(file, VotingJson.DefinitionBytes(sample.Definition), [Async(sample.Log)], sample.Results, trail);

        Assert.True(manifest.Files.ContainsKey(RecordFiles.Trail));
        using (var record = ElectionRecordReader.Open(zip))
            Assert.Equal(trail, record.ReadTrail());
        var report = RecordVerifier.Verify(zip);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(trail, report.Trail);
        Assert.Contains("4 official actions", report[RecordVerifier.TrailCheck].Summary);
        // The trail leaves the count alone: results.json and the recount are the record's without a trail, byte for byte.
        Assert.Equal(sample.Manifest.Files[RecordFiles.Results], manifest.Files[RecordFiles.Results]);
        Assert.Equal(File.ReadAllBytes(Path.Combine(sample.Folder, RecordFiles.Results)), Recount.FromRecord(zip).Json);
    }

    [Fact]
    public async Task The_writer_refuses_a_trail_that_would_not_verify()
    {
        var trail = new TrailEntry[]
        {
            new(Start, "alice", "198.51.100.1", TrailAction.Open),
            new(Start.AddMinutes(1), "alice", "198.51.100.1", TrailAction.Open),
        };
        using var output = new MemoryStream();
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            ElectionRecordWriter.WriteZipAsync(output, VotingJson.DefinitionBytes(sample.Definition), [Async(sample.Log)], sample.Results, trail));
        Assert.Contains("entry 2, action: the vote opens once", e.Message);
    }

    [Fact]
    public void A_record_without_a_trail_passes_as_one_written_before_the_engine_kept_one()
    {
        var report = RecordVerifier.Verify(sample.Folder);
        Assert.True(report.Passed, report.ToString());
        Assert.Null(report.Trail);
        Assert.StartsWith("no trail.jsonl", report[RecordVerifier.TrailCheck].Summary);
        using var record = ElectionRecordReader.Open(sample.Folder);
        Assert.Empty(record.ReadTrail());
    }

    [Fact]
    public void A_wellformed_trail_written_by_hand_passes()
    {
        using var copy = WithTrail(string.Concat(Wellformed.Select(l => l + "\n")));
        var report = RecordVerifier.Verify(copy.Path);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(
            [TrailAction.Create, TrailAction.Import, TrailAction.Open, TrailAction.Import, TrailAction.Close],
            report.Trail!.Select(e => e.Action));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 31, 0, 250, TimeSpan.Zero), report.Trail![1].At);
        Assert.Equal(("token", "203.0.113.3", 250L), (report.Trail[1].Actor, report.Trail[1].Address, report.Trail[1].Voters!.Value));
    }

    public static TheoryData<int, string, int, string?, string> Defects => new()
    {
        { 2, "not json", 2, null, "not a JSON object" },
        { 2, """["at","actor"]""", 2, null, "not a JSON object" },
        { 1, """{"at":"2026-03-01T10:30:00+01:00","actor":"alice","address":"198.51.100.1","action":"create"}""", 1, "at", "UTC" },
        { 3, """{"at":"2026-03-02T08:00:00Z","actor":"alice","address":"198.51.100.1","action":"delete"}""", 3, "action", "expected one of" },
        { 3, """{"at":"2026-03-02T08:00:00Z","actor":"","address":"198.51.100.1","action":"open"}""", 3, "actor", "expected a string" },
        { 3, """{"at":"2026-03-02T08:00:00Z","actor":"alice","action":"open"}""", 3, "address", "expected a string" },
        { 3, """{"at":"2026-03-02T08:00:00Z","actor":"alice","address":"198.51.100.1","action":"open","actor":"eve"}""", 3, "actor", "appears twice" },
        { 3, """{"at":"2026-03-02T08:00:00Z","actor":"alice","address":"198.51.100.1","action":"open","note":"x"}""", 3, "note", "not a field" },
        { 2, """{"at":"2026-03-01T09:31:00Z","actor":"token","address":"203.0.113.3","action":"import"}""", 2, "voters", "number of voters" },
        { 3, """{"at":"2026-03-02T08:00:00Z","actor":"alice","address":"198.51.100.1","action":"open","voters":3}""", 3, "voters", "only an import" },
        { 3, """{"at":"2026-03-02T08:00:00Z","actor":"alice","address":"198.51.100.1","action":"addObserver","account":"eve"}""", 3, "action", "not an action on an election" },
        { 3, """{"at":"2026-02-28T08:00:00Z","actor":"alice","address":"198.51.100.1","action":"open"}""", 3, "at", "earlier than the entry before" },
        { 3, """{"at":"2026-03-02T08:00:00Z","actor":"alice","address":"198.51.100.1","action":"create"}""", 3, "action", "created once" },
        { 4, """{"at":"2026-03-02T10:00:00Z","actor":"bob","address":"2001:db8::2","action":"open"}""", 4, "action", "opens once" },
        { 3, """{"at":"2026-03-02T08:00:00Z","actor":"alice","address":"198.51.100.1","action":"close"}""", 4, "action", "after the close" },
        { 3, """{"at":"2026-03-02T08:00:00Z","actor":"alice","address":"198.51.100.1","action":"import","voters":5}""", 5, "action", "closed before it was opened" },
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public void A_defect_in_a_trail_written_by_hand_is_named_by_line_and_field(int replaced, string line, int expectedLine, string? field, string message)
    {
        var lines = Wellformed.ToArray();
        lines[replaced - 1] = line;
        using var copy = WithTrail(string.Concat(lines.Select(l => l + "\n")));
        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.TrailCheck,
            f => f.File == RecordFiles.Trail && f.Line == expectedLine && f.Field == field && f.Message.Contains(message, StringComparison.Ordinal));
        ReportAssert.Passes(report, RecordVerifier.ManifestCheck, RecordVerifier.HashesCheck, RecordVerifier.ResultsCheck);
    }

    [Fact]
    public void A_last_line_without_its_newline_is_named()
    {
        using var copy = WithTrail(string.Join("\n", Wellformed));
        ReportAssert.Fails(RecordVerifier.Verify(copy.Path), RecordVerifier.TrailCheck, f => f.Line == Wellformed.Length && f.Message.Contains("\\n"));
    }

    [Fact]
    public void A_trail_the_manifest_lists_but_the_record_lacks_is_not_checked()
    {
        using var copy = WithTrail(string.Concat(Wellformed.Select(l => l + "\n")));
        File.Delete(copy[RecordFiles.Trail]);
        var report = RecordVerifier.Verify(copy.Path);
        Assert.False(report.Passed);
        Assert.Equal(CheckStatus.NotChecked, report[RecordVerifier.TrailCheck].Status);
        ReportAssert.Fails(report, RecordVerifier.HashesCheck, f => f.File == RecordFiles.Trail);
    }

    /// <summary>A copy of the sample record (written without a trail) with <paramref name="text"/> as trail.jsonl, listed in its manifest.</summary>
    private TempFolder WithTrail(string text)
    {
        var copy = sample.Copy();
        RecordGenerator.AddTrail(copy.Path, text);
        return copy;
    }

    private static async IAsyncEnumerable<LogEntry> Async(IEnumerable<LogEntry> log, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var entry in log) yield return entry;
        await Task.CompletedTask;
    }
}
