using System.Text.Json.Nodes;
using Voting.Core.Record;

namespace Voting.Core.Tests.Record;

/// <summary>
/// Tampering with a record of four ballot boxes must make <see cref="RecordVerifier"/> fail, naming the box's log
/// file or the manifest's field of that box, even when the tampered logs are chained again and the manifest rewritten.
/// </summary>
public class BoxedMutationTests(BoxedSample sample) : IClassFixture<BoxedSample>
{
    private const int Boxes = BoxedSample.Boxes;

    private static string Log(int box) => RecordFiles.BoxLog(box, Boxes);

    [Fact]
    public void An_event_moved_to_another_box_and_chained_again_is_named_in_the_box_that_has_it()
    {
        using var copy = sample.Copy();
        var from = BoxedLogs.Lines(copy[Log(1)]);
        var to = BoxedLogs.Lines(copy[Log(2)]);
        int lone = BoxedLogs.LoneBallot(from);
        var receipt = BoxedLogs.Receipt(from[lone]);
        int at = to.Count / 2;
        to.Insert(at, from[lone]);
        from.RemoveAt(lone);
        BoxedLogs.WriteLines(copy[Log(1)], BoxedLogs.Rechain(from, sample.DefinitionBytes));
        BoxedLogs.WriteLines(copy[Log(2)], BoxedLogs.Rechain(to, sample.DefinitionBytes));
        BoxedLogs.Reseal(copy.Path, sample.DefinitionBytes);

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.LogCheck, f =>
            f.File == Log(2) && f.Line == at + 1 && f.Field == "receipt" && f.Message.Contains($"'{receipt}' is not a receipt of box 2", StringComparison.Ordinal));
        Assert.Single(report[RecordVerifier.LogCheck].Findings);
        // the same ballots, the same count: only the box rule sees the move
        ReportAssert.Passes(report, RecordVerifier.HashesCheck, RecordVerifier.ChainCheck, RecordVerifier.BallotsCheck, RecordVerifier.CountsCheck, RecordVerifier.ResultsCheck);
    }

    [Fact]
    public void An_event_moved_as_it_is_breaks_both_chains()
    {
        using var copy = sample.Copy();
        var from = BoxedLogs.Lines(copy[Log(0)]);
        var to = BoxedLogs.Lines(copy[Log(3)]);
        to.Add(from[10]);
        from.RemoveAt(10);
        BoxedLogs.WriteLines(copy[Log(0)], from);
        BoxedLogs.WriteLines(copy[Log(3)], to);

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.ChainCheck, f => f.File == Log(0) && f.Line == 11 && f.Field == "hash");
        ReportAssert.Fails(report, RecordVerifier.ChainCheck, f => f.File == Log(3) && f.Line == to.Count && f.Field == "hash");
        ReportAssert.Fails(report, RecordVerifier.HashesCheck, f => f.File == Log(3));
    }

    [Fact]
    public void A_receipt_copied_into_another_box_is_named_with_the_box_that_has_it_first()
    {
        using var copy = sample.Copy();
        var first = BoxedLogs.Lines(copy[Log(0)]);
        var other = BoxedLogs.Lines(copy[Log(3)]);
        int lone = BoxedLogs.LoneBallot(first);
        var receipt = BoxedLogs.Receipt(first[lone]);
        other.Add(first[lone]);
        BoxedLogs.WriteLines(copy[Log(3)], BoxedLogs.Rechain(other, sample.DefinitionBytes));
        BoxedLogs.Reseal(copy.Path, sample.DefinitionBytes);

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.LogCheck, f =>
            f.File == Log(3) && f.Line == other.Count && f.Field == "receipt"
            && f.Message.Contains($"'{receipt}' is also in {Log(0)} (line {lone + 1})", StringComparison.Ordinal));
        ReportAssert.Fails(report, RecordVerifier.LogCheck, f => f.File == Log(3) && f.Message.Contains("is not a receipt of box 3", StringComparison.Ordinal));
        ReportAssert.Fails(report, RecordVerifier.BallotsCheck, f => f.Message.Contains($"receipt '{receipt}'", StringComparison.Ordinal) && f.Message.Contains($"({Log(3)} line {other.Count})", StringComparison.Ordinal));
        ReportAssert.Passes(report, RecordVerifier.ChainCheck, RecordVerifier.HashesCheck);
    }

    [Fact]
    public void A_truncated_box_log_is_named_by_its_manifest_head_and_count()
    {
        using var copy = sample.Copy();
        var lines = BoxedLogs.Lines(copy[Log(2)]);
        BoxedLogs.WriteLines(copy[Log(2)], lines[..^3]);

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.HashesCheck, f => f.File == Log(2));
        ReportAssert.Fails(report, RecordVerifier.ChainCheck, f => f.File == RecordFiles.Manifest && f.Field == "boxes[2].head" && f.Message.Contains($"the chain over {Log(2)} ends at", StringComparison.Ordinal));
        ReportAssert.Fails(report, RecordVerifier.CountsCheck, f => f.Field == "boxes[2].events" && f.Message == $"{lines.Count}, {Log(2)} has {lines.Count - 3} events");
        ReportAssert.Fails(report, RecordVerifier.CountsCheck, f => f.Field == "events");
        Assert.DoesNotContain(report[RecordVerifier.ChainCheck].Findings, f => f.Field == "boxes[1].head" || f.Field == "boxes[3].head");
    }

    [Fact]
    public void A_changed_box_head_in_the_manifest_is_named()
    {
        using var copy = sample.Copy();
        var manifest = JsonNode.Parse(File.ReadAllText(copy[RecordFiles.Manifest]))!;
        var box0 = manifest["boxes"]![0]!["head"]!.GetValue<string>();
        manifest["boxes"]![1]!["head"] = box0;
        File.WriteAllText(copy[RecordFiles.Manifest], manifest.ToJsonString());

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.ChainCheck, f => f.File == RecordFiles.Manifest && f.Field == "boxes[1].head" && f.Message.StartsWith(box0, StringComparison.Ordinal));
        Assert.Single(report[RecordVerifier.ChainCheck].Findings);
        ReportAssert.Passes(report, RecordVerifier.HashesCheck, RecordVerifier.LogCheck, RecordVerifier.BallotsCheck, RecordVerifier.CountsCheck, RecordVerifier.ResultsCheck);
    }

    [Fact]
    public void A_missing_box_log_fails_closed()
    {
        using var copy = sample.Copy();
        File.Delete(copy[Log(1)]);

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.HashesCheck, f => f.File == Log(1) && f.Message.Contains("missing", StringComparison.Ordinal));
        ReportAssert.Fails(report, RecordVerifier.ChainCheck, f => f.File == Log(1));
        Assert.NotEqual(CheckStatus.Pass, report[RecordVerifier.BallotsCheck].Status);
        Assert.NotEqual(CheckStatus.Pass, report[RecordVerifier.CountsCheck].Status);
    }

    [Fact]
    public void A_log_of_a_box_the_manifest_does_not_have_is_named_even_when_listed()
    {
        using var copy = sample.Copy();
        var extra = RecordFiles.BoxLog(Boxes, Boxes + 1);
        File.Copy(copy[Log(0)], copy[extra]);
        var manifest = JsonNode.Parse(File.ReadAllText(copy[RecordFiles.Manifest]))!;
        manifest["files"]![extra] = manifest["files"]![Log(0)]!.GetValue<string>();
        File.WriteAllText(copy[RecordFiles.Manifest], manifest.ToJsonString());

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.HashesCheck, f => f.File == extra && f.Message.Contains("not one of the manifest's 4 boxes", StringComparison.Ordinal));
        Assert.Single(report[RecordVerifier.HashesCheck].Findings);
    }

    [Fact]
    public void Without_a_manifest_the_box_logs_found_are_still_checked()
    {
        using var copy = sample.Copy();
        File.Delete(copy[RecordFiles.Manifest]);

        var report = RecordVerifier.Verify(copy.Path);
        Assert.False(report.Passed);
        Assert.Equal(CheckStatus.NotChecked, report[RecordVerifier.ChainCheck].Status);
        ReportAssert.Passes(report, RecordVerifier.LogCheck, RecordVerifier.BallotsCheck, RecordVerifier.ResultsCheck);
        Assert.Contains("in 4 boxes", report[RecordVerifier.LogCheck].Summary, StringComparison.Ordinal);
    }
}
