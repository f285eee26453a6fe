using System.Text;
using System.Text.Json;
using Voting.Core.Record;

namespace Voting.Audit.Tests.Record;

public class RecordCommandTests(AuditRecord record) : IClassFixture<AuditRecord>
{
    [Fact]
    public void Verify_passes_an_untouched_record_with_exit_code_0()
    {
        var (exit, output, error) = GeneratedRecord.Invoke("verify", record.Folder);
        Assert.True(exit == 0, output + error);
        Assert.Contains("VERIFIED", output);
        Assert.DoesNotContain("FAIL", output);
        Assert.Equal(11, output.Split("PASS").Length - 1);
    }

    [Fact]
    public void Verify_shows_the_audit_trail_and_names_a_malformed_entry()
    {
        var copy = record.Copy();
        RecordGenerator.AddTrail(copy, """
            {"at":"2026-03-01T09:30:00Z","actor":"alice","address":"198.51.100.1","action":"create"}
            {"at":"2026-03-01T09:31:00Z","actor":"token","address":"203.0.113.3","action":"import","voters":1500}
            {"at":"2026-03-02T08:00:00Z","actor":"alice","address":"198.51.100.1","action":"open"}
            {"at":"2026-03-09T20:00:00Z","actor":"alice","address":"198.51.100.1","action":"close"}

            """);
        var (exit, output, error) = GeneratedRecord.Invoke("verify", copy);
        Assert.True(exit == 0, output + error);
        Assert.Contains("audit trail", output);
        Assert.Contains("2026-03-01 09:31:00", output);
        Assert.Contains("203.0.113.3", output);
        Assert.Contains("import (1,500 voters)", output);

        var broken = record.Copy();
        RecordGenerator.AddTrail(broken, """
            {"at":"2026-03-01T09:30:00Z","actor":"alice","address":"198.51.100.1","action":"close"}
            {"at":"2026-03-01T09:31:00Z","actor":"alice","address":"198.51.100.1","action":"open"}

            """);
        (exit, output, _) = GeneratedRecord.Invoke("verify", broken);
        Assert.Equal(1, exit);
        Assert.Contains("trail.jsonl line 2, action: after the close", output);
    }

    [Fact]
    public void Verify_fails_a_changed_row_naming_file_line_and_project()
    {
        var copy = record.Copy();
        var path = Path.Combine(copy, RecordFiles.Ballots);
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var cells = lines[9].Split(',');
        int column = Enumerable.Range(2, cells.Length - 2).First(c => cells[c] != "");
        cells[column] = cells[column] == "0" ? "1" : "0";
        lines[9] = string.Join(",", cells);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");

        var (exit, output, _) = GeneratedRecord.Invoke("verify", copy);
        Assert.Equal(1, exit);
        Assert.Contains("NOT VERIFIED", output);
        Assert.Contains($"ballots.csv line 10, {header[column]}", output);
        Assert.Contains("results.json envelopes[", output);
    }

    [Fact]
    public void Verify_json_lists_every_check_with_findings()
    {
        var copy = record.Copy();
        File.Delete(Path.Combine(copy, "city.pb"));
        var (exit, output, _) = GeneratedRecord.Invoke("verify", copy, "--json");
        Assert.Equal(1, exit);
        using var report = JsonDocument.Parse(output);
        Assert.False(report.RootElement.GetProperty("passed").GetBoolean());
        var checks = report.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal("fail", checks["pabulib"].GetProperty("status").GetString());
        Assert.Equal("city.pb", checks["pabulib"].GetProperty("findings")[0].GetProperty("file").GetString());
        Assert.Equal("pass", checks["results"].GetProperty("status").GetString());
    }

    [Fact]
    public void Verify_of_a_missing_record_fails()
    {
        var (exit, _, error) = GeneratedRecord.Invoke("verify", Path.Combine(record.Folder, "nope"));
        Assert.Equal(1, exit);
        Assert.Contains("no such folder or zip", error);
    }

    [Fact]
    public void Recount_prints_results_json_byte_for_byte_and_the_summary_on_stderr()
    {
        var (exit, output, error) = GeneratedRecord.Invoke("recount", record.Folder);
        Assert.True(exit == 0, error);
        var published = File.ReadAllText(Path.Combine(record.Folder, RecordFiles.Results), Encoding.UTF8);
        Assert.Equal(published, output);
        Assert.Contains("1,500 ballots", error);
        Assert.Contains("profile (worst → best)", error);
        Assert.Contains("district-1", error);
    }

    [Fact]
    public void Recount_out_writes_the_same_bytes_to_a_file()
    {
        var file = Path.Combine(record.Copy(), "recount.json");
        var (exit, output, error) = GeneratedRecord.Invoke("recount", record.Folder, "--out", file, "--quiet");
        Assert.True(exit == 0, error);
        Assert.Equal("", output);
        Assert.Equal("", error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(record.Folder, RecordFiles.Results)), File.ReadAllBytes(file));
    }

    [Fact]
    public void Recount_refuses_a_record_with_a_bad_row_naming_it()
    {
        var copy = record.Copy();
        var path = Path.Combine(copy, RecordFiles.Ballots);
        var lines = File.ReadAllLines(path);
        lines[4] = lines[4].Replace(",city,", ",nowhere,").Replace(",district-1,", ",nowhere,");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        var (exit, output, error) = GeneratedRecord.Invoke("recount", copy);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("ballots.csv line 5, envelope: 'nowhere' is not an envelope", error);
    }
}
