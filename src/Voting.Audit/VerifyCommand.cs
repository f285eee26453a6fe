using System.CommandLine;
using System.Text.Json;
using Voting.Core.Record;

namespace Voting.Audit;

/// <summary>
/// <c>verify DIR_OR_ZIP [--json]</c>: every check of an election record (docs/record.md) as pass, fail or not
/// checked, with the place of every failure. Exit code 0 only when every check passes; 1 otherwise (including a
/// record that cannot be opened).
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var record = new Argument<string>("DIR_OR_ZIP") { Description = "The election record: a folder or a zip." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (checks, status, findings with file, line, field) instead of a table." };
        var command = new Command("verify", "Verify an election record: hashes, hash chain, ballots against the log and the definition, recount against results.json, Pabulib export.")
        {
            record,
            json,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(record)!,
            parseResult.GetValue(json),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string path, bool json, TextWriter output, TextWriter error)
    {
        VerificationReport report;
        try
        {
            using var record = ElectionRecordReader.Open(path);
            var console = RecordConsole.On(error, interactive: ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);
            var progress = new RecordProgress();
            report = RecordConsole.WithProgress(console, "verifying", progress, RecordConsole.LargeFilesSize(record),
                () => RecordVerifier.Verify(record, progress));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error.WriteLine("error: " + e.Message);
            return 1;
        }
        if (json)
            output.WriteLine(JsonSerializer.Serialize(report, ReportJson.Options));
        else
            RecordConsole.WriteReport(RecordConsole.On(output, interactive: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected), report);
        return report.Passed ? 0 : 1;
    }
}
