using System.Text.Json;
using Voting.Core.Record;

namespace Voting.Core.Tests.Record;

/// <summary>A record of four ballot boxes: what it holds, and that it verifies and recounts as a record of one box does.</summary>
public class BoxedRecordTests(BoxedSample sample) : IClassFixture<BoxedSample>
{
    [Fact]
    public void Each_box_has_its_own_log_chained_from_the_definition_and_its_receipts()
    {
        Assert.Equal(RecordManifest.BoxesFormat, sample.BoxManifest.Format);
        Assert.Null(sample.BoxManifest.Head);
        Assert.Equal(BoxedSample.Boxes, sample.BoxManifest.Boxes.Count);
        Assert.False(File.Exists(Path.Combine(sample.BoxedFolder, RecordFiles.Log)));
        using var record = ElectionRecordReader.Open(sample.BoxedFolder);
        for (int box = 0; box < BoxedSample.Boxes; box++)
        {
            var logged = record.ReadLog(RecordFiles.BoxLog(box, BoxedSample.Boxes)).ToArray();
            Assert.NotEmpty(logged);
            Assert.Equal(Enumerable.Range(1, logged.Length).Select(n => (long)n), logged.Select(l => l.Event.Sequence));
            Assert.All(logged, l => Assert.StartsWith($"{box}-", l.Event.Receipt, StringComparison.Ordinal));
            Assert.Equal(new RecordBox(logged.Length, logged[^1].Hash), sample.BoxManifest.Boxes[box]);
            Assert.Equal(sample.BoxLogs[box][^1].Hash, logged[^1].Hash);
        }
        Assert.Equal(sample.OneLog.Length, sample.BoxManifest.Events);
        Assert.Equal(2000, sample.BoxManifest.Ballots);
    }

    [Fact]
    public void The_four_box_record_passes_every_check()
    {
        var report = RecordVerifier.Verify(sample.BoxedFolder);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(11, report.Checks.Count);
        Assert.Contains("4 boxes", report[RecordVerifier.ChainCheck].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_four_box_record_recounts_to_its_results_byte_for_byte()
    {
        var published = File.ReadAllBytes(Path.Combine(sample.BoxedFolder, RecordFiles.Results));
        Assert.Equal(SampleRecord.Json(sample.BoxResults), published);
        var recount = Recount.FromRecord(sample.BoxedFolder);
        Assert.Equal(published, recount.Json);
        Assert.Equal(sample.OneLog.Length, recount.Events);
    }

    [Fact]
    public void The_same_ballots_in_one_box_or_four_give_the_same_results_ballots_and_pabulib_files()
    {
        Assert.True(RecordVerifier.Verify(sample.SingleFolder).Passed);
        foreach (var file in new[] { RecordFiles.Results, RecordFiles.Ballots }.Concat(sample.Definition.Envelopes.Select(e => RecordFiles.Pabulib(e.Id))))
            Assert.True(
                File.ReadAllBytes(Path.Combine(sample.SingleFolder, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(sample.BoxedFolder, file))),
                $"{file} differs");
        Assert.Equal(sample.OneManifest.Events, sample.BoxManifest.Events);
        Assert.Equal(sample.BoxManifest.Boxes.Sum(b => b.Events), sample.OneManifest.Events);
    }

    [Fact]
    public void A_one_box_record_keeps_the_first_format_manifest()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(sample.SingleFolder, RecordFiles.Manifest)));
        Assert.Equal(["format", "election", "files", "ballots", "rows", "events", "head"], manifest.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(RecordManifest.CurrentFormat, manifest.RootElement.GetProperty("format").GetString());
        Assert.Contains(RecordFiles.Log, manifest.RootElement.GetProperty("files").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void The_boxes_manifest_lists_each_box_and_reads_back()
    {
        var bytes = File.ReadAllBytes(Path.Combine(sample.BoxedFolder, RecordFiles.Manifest));
        using (var manifest = JsonDocument.Parse(bytes))
        {
            var root = manifest.RootElement;
            Assert.Equal(["format", "election", "files", "ballots", "rows", "events", "boxes"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(BoxedSample.Boxes, root.GetProperty("boxes").GetArrayLength());
            Assert.Equal(["events", "head"], root.GetProperty("boxes")[2].EnumerateObject().Select(p => p.Name));
            Assert.Equal(
                Enumerable.Range(0, BoxedSample.Boxes).Select(b => $"log-{b}.jsonl"),
                root.GetProperty("files").EnumerateObject().Select(p => p.Name).Where(RecordFiles.IsLog));
        }
        var read = RecordManifest.Parse(bytes);
        Assert.Equal(sample.BoxManifest.Boxes, read.Boxes);
        Assert.Equal(bytes, read.ToJson());
    }

    [Fact]
    public void A_boxes_manifest_with_fewer_than_two_boxes_is_refused()
    {
        var text = """{"format": "mj-election-record/2", "election": "e", "files": {}, "ballots": 0, "rows": 0, "events": 0, "boxes": [{"events": 0, "head": "HEAD"}]}"""
            .Replace("HEAD", new string('a', 64), StringComparison.Ordinal);
        var e = Assert.Throws<FormatException>(() => RecordManifest.Parse(System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.StartsWith("boxes:", e.Message, StringComparison.Ordinal);
        var twoBoxes = text.Replace("}]", "}, {\"events\": 1, \"head\": \"nope\"}]", StringComparison.Ordinal);
        e = Assert.Throws<FormatException>(() => RecordManifest.Parse(System.Text.Encoding.UTF8.GetBytes(twoBoxes)));
        Assert.StartsWith("boxes[1].head:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_four_box_zip_verifies_and_recounts()
    {
        using var folder = new TempFolder();
        var zip = folder["boxes.zip"];
        await using (var file = File.Create(zip))
            await ElectionRecordWriter.WriteZipAsync(file, sample.Definition, sample.BoxLogs, sample.BoxResults);
        var report = RecordVerifier.Verify(zip);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(File.ReadAllBytes(Path.Combine(sample.BoxedFolder, RecordFiles.Results)), Recount.FromRecord(zip).Json);
    }
}
