using System.Diagnostics;
using System.Globalization;
using Voting.Core.Record;

namespace Voting.Benchmarks.Record;

/// <summary>
/// <c>record [--ballots N] [--grades G] [--envelopes E] [--revotes R] [--dir DIR] [--zip]</c>: builds (once, cached in
/// DIR) a synthetic election record of N counted ballots of G grades each (G projects spread over E envelopes, every
/// ballot grading every project; R of the voters revote), then runs <c>verify</c> and <c>recount</c> on it, each in
/// its own process so that its peak working set is its own, and prints wall time, peak memory and throughput.
/// </summary>
public static class RecordLoad
{
    private const string Usage = "record [--ballots 1000000] [--grades 20] [--envelopes 1] [--revotes 0.05] [--dir DIR] [--zip]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "record") args = args[1..];
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"unexpected '{args[i]}'\nusage: {Usage}");
                return 2;
            }
            bool flag = i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[args[i][2..]] = flag ? "true" : args[++i];
        }
        int ballots = Int(options, "ballots", 1_000_000);
        int grades = Int(options, "grades", 20);
        int envelopes = Int(options, "envelopes", 1);
        double revotes = double.Parse(options.GetValueOrDefault("revotes", "0.05"), CultureInfo.InvariantCulture);
        bool zip = options.ContainsKey("zip");
        var dir = options.GetValueOrDefault("dir") ?? Path.Combine(Path.GetTempPath(), $"mj-record-bench-{ballots}x{grades}-e{envelopes}-r{revotes.ToString(CultureInfo.InvariantCulture)}");
        var target = zip ? dir + ".zip" : dir;

        switch (options.GetValueOrDefault("phase"))
        {
            case "generate":
                return await Generate(dir, zip, ballots, grades, envelopes, revotes);
            case "verify":
                return Measure("verify", () =>
                {
                    var report = RecordVerifier.Verify(target);
                    if (!report.Passed) Console.Error.WriteLine(report);
                    return report.Passed ? 0 : 1;
                });
            case "recount":
                return Measure("recount", () =>
                {
                    var outcome = Recount.FromRecord(target);
                    return outcome.Rows > 0 ? 0 : 1;
                });
        }

        // the driver: generate if needed, then each phase in a fresh process
        if (!(zip ? File.Exists(target) : File.Exists(Path.Combine(dir, RecordFiles.Manifest))))
        {
            int generated = Child(["--phase", "generate", .. Forward(args)]);
            if (generated != 0) return generated;
        }
        long size = zip ? new FileInfo(target).Length : Directory.EnumerateFiles(dir).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"record {target}: {size / 1e6:F0} MB, {ballots:N0} ballots x {grades} grades ({(long)ballots * grades:N0} grades), {envelopes} envelope(s), {revotes:P0} revotes; {Environment.ProcessorCount} cores");
        int verify = Child(["--phase", "verify", .. Forward(args)]);
        int recount = Child(["--phase", "recount", .. Forward(args)]);
        return verify != 0 ? verify : recount;

        IEnumerable<string> Forward(string[] all)
        {
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i] == "--phase") { i++; continue; }
                yield return all[i];
            }
        }
    }

    private static async Task<int> Generate(string dir, bool zip, int ballots, int grades, int envelopes, double revotes)
    {
        var watch = Stopwatch.StartNew();
        int perEnvelope = grades / envelopes;
        var definition = RecordGenerator.Definition($"bench-{ballots}", envelopes, perEnvelope, grades: 5);
        // every voter covers every envelope and grades every project: `grades` grades per ballot
        var election = new SyntheticElection(ballots, Seed: 42, RevoteShare: revotes, GradeProbability: 1.0, CoverProbability: 1.0);
        var results = RecordGenerator.Results(definition, election);
        RecordManifest manifest;
        if (zip)
        {
            await using var file = File.Create(dir + ".zip");
            manifest = await ElectionRecordWriter.WriteZipAsync(file, definition, RecordGenerator.Log(definition, election), results);
        }
        else
        {
            manifest = await ElectionRecordWriter.WriteFolderAsync(dir, definition, RecordGenerator.Log(definition, election), results);
        }
        Console.WriteLine($"generated {manifest.Ballots:N0} ballots, {manifest.Rows:N0} rows, {manifest.Events:N0} events in {watch.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static int Measure(string phase, Func<int> work)
    {
        var watch = Stopwatch.StartNew();
        int exit = work();
        watch.Stop();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine($"{phase,-8} wall {watch.Elapsed.TotalSeconds,6:F2} s   peak working set {self.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB   cpu {self.TotalProcessorTime.TotalSeconds:F2} s   exit {exit}");
        return exit;
    }

    private static int Child(IEnumerable<string> args)
    {
        var path = Environment.ProcessPath!;
        var start = new ProcessStartInfo(path) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(path) == "dotnet")
            start.ArgumentList.Add(typeof(RecordLoad).Assembly.Location);
        start.ArgumentList.Add("record");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    private static int Int(Dictionary<string, string> options, string name, int fallback) =>
        options.TryGetValue(name, out var text) ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : fallback;
}
