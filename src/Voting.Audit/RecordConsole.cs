using System.Globalization;
using Spectre.Console;
using Voting.Core.Elections;
using Voting.Core.Record;
using Voting.Core.Results;
using Voting.Core.Trail;

namespace Voting.Audit;

/// <summary>
/// The human side of <c>verify</c> and <c>recount</c>: a Spectre console on a writer (stderr for recount, so that
/// stdout carries only JSON), the progress bar of long reads, the report of a verification and the summary table
/// of a recount.
/// </summary>
public static class RecordConsole
{
    /// <summary>Records whose large files add up to more than this get a progress bar.</summary>
    public const long ProgressThreshold = 32L << 20;

    public static IAnsiConsole On(TextWriter writer, bool interactive)
    {
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }

    /// <summary>Runs <paramref name="work"/>, showing a progress bar of <paramref name="progress"/> when the console is interactive and the record large.</summary>
    public static T WithProgress<T>(IAnsiConsole console, string label, RecordProgress progress, long size, Func<T> work)
    {
        if (size < ProgressThreshold || !console.Profile.Capabilities.Interactive)
            return work();
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(label, maxValue: Math.Max(1, size));
                var running = Task.Run(work);
                while (!running.Wait(100))
                    task.Value = Math.Min(progress.Done, size);
                task.Value = size;
                return running.GetAwaiter().GetResult();
            });
    }

    /// <summary>The sum of the sizes of the files a verification or a recount reads in full.</summary>
    public static long LargeFilesSize(ElectionRecordReader record) =>
        record.Files.Where(f => RecordFiles.IsLog(f) || f == RecordFiles.Ballots || RecordFiles.IsPabulib(f)).Sum(f => record.Length(f) ?? 0);

    public static void WriteReport(IAnsiConsole console, VerificationReport report)
    {
        console.MarkupLine($"[bold]Election record[/] {Markup.Escape(report.Record)}");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("check").AddColumn("status").AddColumn("what it checks").AddColumn("outcome");
        foreach (var check in report.Checks)
            table.AddRow(
                new Text(check.Id),
                new Markup(check.Status switch
                {
                    CheckStatus.Pass => "[green]PASS[/]",
                    CheckStatus.Fail => "[red]FAIL[/]",
                    _ => "[yellow]NOT CHECKED[/]",
                }),
                new Text(check.Title),
                new Text(check.Summary));
        console.Write(table);
        if (report.Trail is { Count: > 0 } trail)
            WriteTrail(console, trail);
        foreach (var check in report.Checks.Where(c => c.Findings.Count > 0))
        {
            console.MarkupLine($"[bold]{Markup.Escape(check.Id)}[/]: {check.TotalFindings} problem{(check.TotalFindings == 1 ? "" : "s")}");
            foreach (var finding in check.Findings)
                console.MarkupLine($"  [red]✗[/] [bold]{Markup.Escape(finding.Location)}[/]: {Markup.Escape(finding.Message)}");
            if (check.TotalFindings > check.Findings.Count)
                console.MarkupLine($"  … and {check.TotalFindings - check.Findings.Count} more");
        }
        console.MarkupLine(report.Passed
            ? "[green bold]VERIFIED[/]: every check passed."
            : $"[red bold]NOT VERIFIED[/]: {report.Checks.Count(c => c.Status == CheckStatus.Fail)} failed, {report.Checks.Count(c => c.Status == CheckStatus.NotChecked)} not checked.");
    }

    /// <summary>The officials' actions on the election (trail.jsonl): when, who, from where, what.</summary>
    private static void WriteTrail(IAnsiConsole console, IReadOnlyList<TrailEntry> trail)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("audit trail")
            .AddColumn("when (UTC)").AddColumn("who").AddColumn("from where").AddColumn("what");
        foreach (var entry in trail)
            table.AddRow(
                new Text(entry.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                new Text(entry.Actor),
                new Text(entry.Address),
                new Text(entry.Voters is { } voters ? $"{TrailLines.ActionName(entry.Action)} ({voters.ToString("N0", CultureInfo.InvariantCulture)} voters)" : TrailLines.ActionName(entry.Action)));
        console.Write(table);
    }

    /// <summary>Per envelope: rank, project, majority grade, profile (worst grade first), funded.</summary>
    public static void WriteSummary(IAnsiConsole console, ElectionDefinition definition, RecountOutcome outcome)
    {
        var results = outcome.Results;
        console.MarkupLine($"[bold]{Markup.Escape(results.Election)}[/]: {results.Ballots.ToString("N0", CultureInfo.InvariantCulture)} ballots, {outcome.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows, version {results.Version}, balancing {Markup.Escape(results.Balancing)}");
        foreach (var envelope in results.Envelopes)
        {
            var funded = envelope.Allocation?.Selected.ToHashSet(StringComparer.Ordinal);
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"{Markup.Escape(envelope.Id)} — {envelope.Judges.ToString("N0", CultureInfo.InvariantCulture)} judges{(envelope.Allocation is { } a ? $", {Markup.Escape(a.Rule)}: {a.Cost.ToString("N0", CultureInfo.InvariantCulture)} of {a.Budget.ToString("N0", CultureInfo.InvariantCulture)}" : "")}")
                .AddColumn(new TableColumn("rank").RightAligned())
                .AddColumn("project")
                .AddColumn("majority grade")
                .AddColumn(new TableColumn("profile (worst → best)").RightAligned());
            if (funded is not null) table.AddColumn("funded");
            foreach (var project in envelope.Ranking)
            {
                var cells = new List<string>
                {
                    project.Rank.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(project.Project),
                    Markup.Escape(definition.Scale.Label(project.MajorityGrade)),
                    string.Join(" ", project.Profile.Select(c => c.ToString(CultureInfo.InvariantCulture))),
                };
                if (funded is not null) cells.Add(funded.Contains(project.Project) ? "[green]yes[/]" : "");
                table.AddRow(cells.ToArray());
            }
            console.Write(table);
        }
    }
}
