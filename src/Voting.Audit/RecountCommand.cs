using System.CommandLine;
using System.Text;
using Voting.Core.Record;

namespace Voting.Audit;

/// <summary>
/// <c>recount DIR_OR_ZIP [--out FILE] [--quiet]</c>: the results from the record's ballots alone
/// (definition.json, ballots.csv, the manifest's event count), in the results.json format, byte for byte what the
/// engine publishes. The JSON goes to stdout (no newline added) or to FILE; the progress bar and the summary table
/// go to stderr. Exit code 1 with one line on stderr when the record cannot be counted (a bad or missing row...).
/// </summary>
public static class RecountCommand
{
    public static Command Create()
    {
        var record = new Argument<string>("DIR_OR_ZIP") { Description = "The election record: a folder or a zip." };
        var output = new Option<string?>("--out") { Description = "Write the JSON to this file instead of stdout." };
        var quiet = new Option<bool>("--quiet") { Description = "No summary table on stderr." };
        var command = new Command("recount", "Recount an election from its record's ballots and print the results as results.json has them.")
        {
            record,
            output,
            quiet,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(record)!,
            parseResult.GetValue(output),
            parseResult.GetValue(quiet),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string path, string? outFile, bool quiet, TextWriter output, TextWriter error)
    {
        try
        {
            using var record = ElectionRecordReader.Open(path);
            var console = RecordConsole.On(error, interactive: ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);
            var progress = new RecordProgress();
            var outcome = RecordConsole.WithProgress(console, "recounting", progress, record.Length(RecordFiles.Ballots) ?? 0,
                () => Recount.FromRecord(record, progress));
            if (outFile is not null)
                File.WriteAllBytes(outFile, outcome.Json);
            else if (ReferenceEquals(output, Console.Out))
            {
                // the exact bytes, whatever the console's encoding
                Console.Out.Flush();
                using var stdout = Console.OpenStandardOutput();
                stdout.Write(outcome.Json);
                stdout.Flush();
            }
            else
            {
                output.Write(Encoding.UTF8.GetString(outcome.Json));
                output.Flush();
            }
            if (!quiet)
                RecordConsole.WriteSummary(console, record.ReadDefinition(), outcome);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            error.WriteLine("error: " + e.Message);
            return 1;
        }
    }
}
