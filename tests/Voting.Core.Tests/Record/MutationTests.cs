using System.Text;
using System.Text.RegularExpressions;
using Voting.Core.Record;

namespace Voting.Core.Tests.Record;

/// <summary>
/// Tampering with a real record must make <see cref="RecordVerifier"/> fail, naming the place, and the checks that
/// can still run must run (a broken file hash does not stop the ballots and the recount from being compared).
/// </summary>
public class MutationTests(SampleRecord sample) : IClassFixture<SampleRecord>
{
    private static string[] Lines(string path) => File.ReadAllText(path, Encoding.UTF8).Split('\n')[..^1];

    private static void WriteLines(string path, IEnumerable<string> lines) =>
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false));

    [Fact]
    public void Untouched_record_passes()
    {
        using var copy = sample.Copy();
        Assert.True(RecordVerifier.Verify(copy.Path).Passed);
    }

    [Fact]
    public void A_changed_grade_in_one_row_is_named_by_line_and_project()
    {
        using var copy = sample.Copy();
        var path = copy[RecordFiles.Ballots];
        var lines = Lines(path);
        var header = lines[0].Split(',');
        const int line = 10;
        var cells = lines[line - 1].Split(',');
        int column = Enumerable.Range(2, cells.Length - 2).First(c => cells[c] != "");
        cells[column] = cells[column] == "4" ? "3" : "4";
        lines[line - 1] = string.Join(",", cells);
        WriteLines(path, lines);

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.HashesCheck, f => f.File == RecordFiles.Ballots);
        ReportAssert.Fails(report, RecordVerifier.BallotsCheck, f => f.File == RecordFiles.Ballots && f.Line == line && f.Field == header[column]);
        ReportAssert.Fails(report, RecordVerifier.ResultsCheck, f => f.File == RecordFiles.Results && f.Field!.StartsWith("envelopes[", StringComparison.Ordinal));
        ReportAssert.Fails(report, RecordVerifier.PabulibCheck, f => f.Message.Contains($"ballots.csv line {line} ", StringComparison.Ordinal));
        ReportAssert.Passes(report, RecordVerifier.ChainCheck, RecordVerifier.LogCheck, RecordVerifier.RowsCheck, RecordVerifier.DefinitionCheck, RecordVerifier.CountsCheck);
    }

    [Fact]
    public void A_grade_outside_the_scale_is_named_and_the_recount_is_not_checked()
    {
        using var copy = sample.Copy();
        var path = copy[RecordFiles.Ballots];
        var lines = Lines(path);
        var cells = lines[4].Split(',');
        int column = Enumerable.Range(2, cells.Length - 2).First(c => cells[c] != "");
        cells[column] = "7";
        lines[4] = string.Join(",", cells);
        WriteLines(path, lines);

        var report = RecordVerifier.Verify(copy.Path);
        var project = lines[0].Split(',')[column];
        ReportAssert.Fails(report, RecordVerifier.RowsCheck, f => f.Line == 5 && f.Field == project && f.Message.Contains("outside the scale", StringComparison.Ordinal));
        ReportAssert.Fails(report, RecordVerifier.BallotsCheck, f => f.Line == 5 && f.Field == project);
        Assert.Equal(CheckStatus.NotChecked, report[RecordVerifier.ResultsCheck].Status);
    }

    [Fact]
    public void A_dropped_row_is_named_where_it_belongs()
    {
        using var copy = sample.Copy();
        var path = copy[RecordFiles.Ballots];
        var lines = Lines(path).ToList();
        const int line = 100;
        var dropped = lines[line - 1].Split(',');
        lines.RemoveAt(line - 1);
        WriteLines(path, lines);

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.HashesCheck, f => f.File == RecordFiles.Ballots);
        ReportAssert.Fails(report, RecordVerifier.BallotsCheck, f => f.Line == line && f.Message.Contains($"missing row: receipt '{dropped[0]}', envelope '{dropped[1]}'", StringComparison.Ordinal));
        ReportAssert.Fails(report, RecordVerifier.CountsCheck, f => f.Field == "rows");
        ReportAssert.Fails(report, RecordVerifier.ResultsCheck, f => f.File == RecordFiles.Results);
        ReportAssert.Fails(report, RecordVerifier.PabulibCheck, f => f.File == dropped[1] + ".pb");
    }

    [Fact]
    public void A_duplicated_row_is_named_with_the_row_it_repeats()
    {
        using var copy = sample.Copy();
        var path = copy[RecordFiles.Ballots];
        var lines = Lines(path).ToList();
        lines.Insert(50, lines[49]);
        WriteLines(path, lines);

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.HashesCheck, f => f.File == RecordFiles.Ballots);
        ReportAssert.Fails(report, RecordVerifier.BallotsCheck, f => f.Line == 51 && f.Message.StartsWith("duplicates line 50", StringComparison.Ordinal));
        ReportAssert.Fails(report, RecordVerifier.CountsCheck, f => f.Field == "rows");
        ReportAssert.Fails(report, RecordVerifier.ResultsCheck, f => f.Field is not null && f.Field.Contains("judges", StringComparison.Ordinal) || f.Field!.Contains("profile", StringComparison.Ordinal));
        Assert.Throws<FormatException>(() => Recount.FromRecord(copy.Path));
    }

    [Fact]
    public void An_edited_count_in_results_json_is_named_by_its_json_path()
    {
        using var copy = sample.Copy();
        var path = copy[RecordFiles.Results];
        var text = File.ReadAllText(path);
        // the second count of the first project's profile in the first envelope
        var match = new Regex("\"profile\": \\[\\s*\\d+,\\s*(\\d+)").Match(text);
        var group = match.Groups[1];
        long value = long.Parse(group.Value, System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(path, text[..group.Index] + (value + 1) + text[(group.Index + group.Length)..]);

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.HashesCheck, f => f.File == RecordFiles.Results);
        ReportAssert.Fails(report, RecordVerifier.ResultsCheck, f => f.Field == "envelopes[0].ranking[0].profile[1]" && f.Message == $"{value + 1} != {value} (recounted)");
        ReportAssert.Passes(report, RecordVerifier.ChainCheck, RecordVerifier.BallotsCheck, RecordVerifier.RowsCheck, RecordVerifier.CountsCheck, RecordVerifier.PabulibCheck);
    }

    [Fact]
    public void Two_project_ids_swapped_in_the_ballots_header_are_caught()
    {
        using var copy = sample.Copy();
        var path = copy[RecordFiles.Ballots];
        var lines = Lines(path);
        var header = lines[0].Split(',');
        (header[2], header[3]) = (header[3], header[2]);
        lines[0] = string.Join(",", header);
        WriteLines(path, lines);

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.RowsCheck, f => f.Line == 1 && f.Field == "column 3");
        ReportAssert.Fails(report, RecordVerifier.BallotsCheck, f => f.Field == header[2] || f.Field == header[3]);
        ReportAssert.Fails(report, RecordVerifier.ResultsCheck, f => f.File == RecordFiles.Results);
    }

    [Fact]
    public void Two_project_ids_swapped_in_the_definition_are_caught()
    {
        using var copy = sample.Copy();
        var path = copy[RecordFiles.Definition];
        var text = File.ReadAllText(path);
        var a = sample.Definition.Envelopes[0].Projects[0].Id;
        var b = sample.Definition.Envelopes[0].Projects[1].Id;
        text = text.Replace($"\"{a}\"", "\"@swap@\"").Replace($"\"{b}\"", $"\"{a}\"").Replace("\"@swap@\"", $"\"{b}\"");
        File.WriteAllText(path, text);

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.HashesCheck, f => f.File == RecordFiles.Definition);
        ReportAssert.Fails(report, RecordVerifier.ChainCheck, f => f.File == RecordFiles.Log && f.Line == 1 && f.Field == "hash");
        ReportAssert.Fails(report, RecordVerifier.RowsCheck, f => f.Line == 1 && f.Field == "column 3");
        ReportAssert.Fails(report, RecordVerifier.ResultsCheck, f => f.File == RecordFiles.Results);
    }

    [Fact]
    public void A_changed_balancing_policy_is_caught()
    {
        using var copy = sample.Copy();
        var path = copy[RecordFiles.Definition];
        var text = File.ReadAllText(path);
        Assert.Contains("\"balancing\": \"static:0\"", text);
        File.WriteAllText(path, text.Replace("\"balancing\": \"static:0\"", "\"balancing\": \"median\""));

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.HashesCheck, f => f.File == RecordFiles.Definition);
        ReportAssert.Fails(report, RecordVerifier.ChainCheck, f => f.File == RecordFiles.Log && f.Line == 1);
        ReportAssert.Fails(report, RecordVerifier.ResultsCheck, f => f.Field == "balancing" && f.Message == "\"static:0\" != \"median\" (recounted)");
    }

    [Fact]
    public void An_unknown_balancing_policy_fails_the_definition_and_nothing_downstream_passes()
    {
        using var copy = sample.Copy();
        var path = copy[RecordFiles.Definition];
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"balancing\": \"static:0\"", "\"balancing\": \"static:9\""));

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.DefinitionCheck, f => f.Field == "balancing");
        foreach (var check in new[] { RecordVerifier.LogCheck, RecordVerifier.BallotsCheck, RecordVerifier.RowsCheck, RecordVerifier.ResultsCheck, RecordVerifier.PabulibCheck })
            Assert.NotEqual(CheckStatus.Pass, report[check].Status);
    }

    [Fact]
    public void A_changed_grade_in_the_log_breaks_the_chain_at_that_line()
    {
        using var copy = sample.Copy();
        var path = copy[RecordFiles.Log];
        var lines = Lines(path);
        const int line = 123;
        lines[line - 1] = Regex.Replace(lines[line - 1], "\":(\\d),", m => "\":" + (m.Groups[1].Value == "0" ? "1" : "0") + ",", RegexOptions.None, TimeSpan.FromSeconds(1));
        WriteLines(path, lines);

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.HashesCheck, f => f.File == RecordFiles.Log);
        ReportAssert.Fails(report, RecordVerifier.ChainCheck, f => f.Line == line && f.Field == "hash");
        Assert.Single(report[RecordVerifier.ChainCheck].Findings);
    }

    [Fact]
    public void A_log_line_dropped_breaks_the_chain_and_the_sequence()
    {
        using var copy = sample.Copy();
        var path = copy[RecordFiles.Log];
        var lines = Lines(path).ToList();
        lines.RemoveAt(199);
        WriteLines(path, lines);

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.ChainCheck, f => f.Line == 200);
        ReportAssert.Fails(report, RecordVerifier.LogCheck, f => f.Line == 200 && f.Field == "sequence");
        ReportAssert.Fails(report, RecordVerifier.CountsCheck, f => f.Field == "events");
    }

    [Fact]
    public void A_replaced_ballot_put_back_in_ballots_csv_is_named()
    {
        using var copy = sample.Copy();
        var replaced = sample.Events.First(e => e.Replaces is not null).Replaces!;
        var old = sample.Events.First(e => e.Receipt == replaced);
        var path = copy[RecordFiles.Ballots];
        var lines = Lines(path).ToList();
        var header = lines[0].Split(',');
        var cells = header.Select((id, c) => c == 0 ? old.Receipt : c == 1 ? old.Envelope : old.Grades.TryGetValue(id, out var g) ? g.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
        int at = lines.FindIndex(1, l => string.CompareOrdinal(l.Split(',')[0], old.Receipt) > 0);
        lines.Insert(at, string.Join(",", cells));
        WriteLines(path, lines);

        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.BallotsCheck, f => f.Line == at + 1 && f.Message.Contains("was replaced by receipt", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_files_fail_closed()
    {
        using var copy = sample.Copy();
        File.Delete(copy[RecordFiles.Ballots]);
        var report = RecordVerifier.Verify(copy.Path);
        Assert.False(report.Passed);
        ReportAssert.Fails(report, RecordVerifier.HashesCheck, f => f.File == RecordFiles.Ballots && f.Message.Contains("missing", StringComparison.Ordinal));
        foreach (var check in new[] { RecordVerifier.BallotsCheck, RecordVerifier.RowsCheck, RecordVerifier.ResultsCheck, RecordVerifier.PabulibCheck, RecordVerifier.CountsCheck })
            Assert.NotEqual(CheckStatus.Pass, report[check].Status);

        using var noManifest = sample.Copy();
        File.Delete(noManifest[RecordFiles.Manifest]);
        report = RecordVerifier.Verify(noManifest.Path);
        Assert.False(report.Passed);
        Assert.Equal(CheckStatus.Fail, report[RecordVerifier.ManifestCheck].Status);
        Assert.Equal(CheckStatus.NotChecked, report[RecordVerifier.HashesCheck].Status);
        Assert.Equal(CheckStatus.NotChecked, report[RecordVerifier.ChainCheck].Status);
        // what can run still runs
        Assert.Equal(CheckStatus.Pass, report[RecordVerifier.BallotsCheck].Status);
    }

    [Fact]
    public void An_extra_file_not_in_the_manifest_is_named()
    {
        using var copy = sample.Copy();
        File.WriteAllText(copy["notes.txt"], "hello");
        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.HashesCheck, f => f.File == "notes.txt");
    }

    [Fact]
    public void A_pb_vote_changed_is_named()
    {
        using var copy = sample.Copy();
        var path = copy["city.pb"];
        var lines = Lines(path);
        int votes = Array.IndexOf(lines, "VOTES") + 2;
        lines[votes + 5] = lines[votes + 5][..^1] + (lines[votes + 5][^1] == '0' ? "1" : "0");
        WriteLines(path, lines);
        var report = RecordVerifier.Verify(copy.Path);
        ReportAssert.Fails(report, RecordVerifier.PabulibCheck, f => f.File == "city.pb" && f.Line == votes + 6 && f.Field == "points");
        ReportAssert.Passes(report, RecordVerifier.BallotsCheck, RecordVerifier.ResultsCheck);
    }
}
