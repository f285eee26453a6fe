using System.Diagnostics;
using Voting.Core.Record;

namespace Voting.Audit.Tests.Record;

/// <summary>The tool run as an auditor runs it: <c>dotnet voting-audit.dll verify|recount RECORD</c>.</summary>
public class RecordProcessTests(AuditRecord record) : IClassFixture<AuditRecord>
{
    private static (int Exit, byte[] Output, string Error) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "voting-audit.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("voting-audit did not finish within 2 minutes");
        }
        copy.Wait();
        var stderr = error.Result;
        Assert.False(stderr.Contains("Unrecognized command", StringComparison.OrdinalIgnoreCase),
            "voting-audit does not know the command: register VerifyCommand.Create() and RecountCommand.Create() in src/Voting.Audit/Program.cs\n" + stderr);
        return (process.ExitCode, output.ToArray(), stderr);
    }

    [Fact]
    public void Verify_and_recount_as_a_process()
    {
        var (exit, output, error) = Run("verify", record.Folder);
        Assert.True(exit == 0, System.Text.Encoding.UTF8.GetString(output) + error);

        (exit, output, error) = Run("recount", record.Folder);
        Assert.True(exit == 0, error);
        // stdout is exactly results.json, whatever the console encoding
        Assert.Equal(File.ReadAllBytes(Path.Combine(record.Folder, RecordFiles.Results)), output);
    }

    [Fact]
    public void Verify_of_a_tampered_record_exits_1()
    {
        var copy = record.Copy();
        var path = Path.Combine(copy, RecordFiles.Results);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"judges\": ", "\"judges\": 1"));
        var (exit, output, _) = Run("verify", copy);
        Assert.Equal(1, exit);
        Assert.Contains("results.json envelopes[0].judges", System.Text.Encoding.UTF8.GetString(output));
    }
}
