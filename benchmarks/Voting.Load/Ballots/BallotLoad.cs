using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Voting.Core.Elections;
using Voting.Core.Grades;
using Voting.Grains;
using Voting.Grains.Boxes;
using Voting.Grains.Contracts;
using Voting.Grains.Elections;
using Voting.Grains.Interfaces;
using Voting.Grains.Storage;

namespace Voting.Load.Ballots;

/// <summary>
/// Ballots per second through the grains into the durable log, and the latency of each to its acknowledgement
/// (receipt returned = ballot durable). Hosts one silo in this process, as Voting.Host does, on SQLite or Azure
/// Storage; casts <c>--ballots</c> ballots of 10 grades (6 city-wide projects + 4 of the voter's district: two log
/// events each) from <c>--concurrency</c> concurrent callers straight to the voters' ballot boxes (<c>--boxes</c> of
/// them), as a web node does, after a warm-up on another election.
/// </summary>
public static class BallotLoad
{
    private static readonly string[] City = [.. Enumerable.Range(1, 8).Select(i => $"city-{i}")];
    private static readonly string[][] Districts = [.. Enumerable.Range(1, 4).Select(d => Enumerable.Range(1, 5).Select(i => $"d{d}-{i}").ToArray())];

    public static async Task<int> RunAsync(string[] args)
    {
        if (!Arguments.TryRead(args, BallotLoadOptions.Parse, BallotLoadOptions.Usage, out var options))
            return 2;

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.AddVotingGrains();
            if (options.Store == "sqlite") silo.UseSqliteVotingStorage(Path.Combine(options.DataDir, "voting.db"));
            else silo.UseAzureVotingStorage(options.Connection!, "bench" + Guid.NewGuid().ToString("N")[..8]);
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            Console.WriteLine($"store {options.Store}, {options.Ballots} ballots of 10 grades, {options.Concurrency} concurrent, {options.Voters} voters, {options.Boxes} ballot boxes"
                + (options.Store == "sqlite" ? $", {Path.Combine(options.DataDir, "voting.db")}" : ""));

            if (options.Warmup > 0)
            {
                var (_, warmVoters) = await OpenAsync(grains, "warmup", Math.Min(options.Warmup, options.Voters), options.Boxes);
                await CastAllAsync(warmVoters, options.Warmup, options.Concurrency, new LatencyRecorder(options.Warmup));
            }

            var (election, voters) = await OpenAsync(grains, "load", options.Voters, options.Boxes);
            var latencies = new LatencyRecorder(options.Ballots);
            var (gen0, gen1, gen2, paused) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
            var clock = Stopwatch.StartNew();
            var failures = await CastAllAsync(voters, options.Ballots, options.Concurrency, latencies);
            clock.Stop();

            var (p50, p99, max) = latencies.Percentiles();
            var rate = options.Ballots / clock.Elapsed.TotalSeconds;
            var results = await election.Results();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{options.Ballots} ballots in {clock.Elapsed.TotalSeconds:F2} s: {rate:F0} ballots/s; latency to acknowledgement p50 {p50:F1} ms, p99 {p99:F1} ms, max {max:F1} ms; {failures} failed"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"GC during the run: {GC.CollectionCount(0) - gen0} gen0, {GC.CollectionCount(1) - gen1} gen1, {GC.CollectionCount(2) - gen2} gen2, {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms paused; server GC {System.Runtime.GCSettings.IsServerGC}, {Environment.ProcessorCount} cores"));
            Console.WriteLine($"results: version {results?.Version} (log events), {results?.Ballots} voters with a counted ballot");
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            await host.StopAsync();
            if (options.Store == "sqlite")
                try { Directory.Delete(options.DataDir, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<int> CastAllAsync(Voter[] voters, int ballots, int concurrency, LatencyRecorder latencies)
    {
        int next = -1, failures = 0;
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var random = new Random(worker);
            int i;
            while ((i = Interlocked.Increment(ref next)) < ballots)
            {
                var voter = i % voters.Length;
                var ballot = Ballot(random, voter);
                var started = Stopwatch.GetTimestamp();
                var outcome = await voters[voter].Box.Cast(voters[voter].Key, ballot);
                latencies.Record(Stopwatch.GetElapsedTime(started));
                if (!outcome.Succeeded && Interlocked.Increment(ref failures) == 1)
                    Console.Error.WriteLine($"cast failed: {outcome.Failure} {outcome.Error}");
            }
        }).ToArray();
        await Task.WhenAll(workers);
        return failures;
    }

    private static Dictionary<string, int> Ballot(Random random, int voter)
    {
        var grades = new Dictionary<string, int>(10);
        foreach (var project in City.OrderBy(_ => random.Next()).Take(6)) grades[project] = random.Next(5);
        foreach (var project in Districts[voter % Districts.Length].Take(4)) grades[project] = random.Next(5);
        return grades;
    }

    /// <summary>A voter as a web node sees them once they sent their code: their ballot box and their key.</summary>
    private sealed record Voter(IBallotBoxGrain Box, string Key);

    private static async Task<(IElectionGrain, Voter[])> OpenAsync(IGrainFactory grains, string name, int voters, int boxes)
    {
        var id = $"{name}-{Guid.NewGuid():N}"[..24];
        var election = grains.GetGrain<IElectionGrain>(id);
        var definition = new ElectionDefinition(
            id, LocalizedText.Plain("Ballot load"), ElectionKind.Budget, GradeScale.Paris.Labels,
            [
                Envelope("city", City, 30_000_000),
                .. Districts.Select((projects, d) => Envelope($"d{d + 1}", projects, 3_000_000)),
            ],
            BallotBoxes: boxes);
        Check(await election.Create(definition, LoadActor.Harness));
        var codes = new string[voters];
        const int chunk = 50_000;
        for (int start = 0; start < voters; start += chunk)
        {
            var rows = Enumerable.Range(start, Math.Min(chunk, voters - start))
                .Select(v => new VoterImport($"voter-{v}", ["city", $"d{v % Districts.Length + 1}"])).ToArray();
            var imported = Check(await election.ImportVoters(rows, LoadActor.Harness));
            foreach (var row in rows) codes[int.Parse(row.Id.AsSpan("voter-".Length), CultureInfo.InvariantCulture)] = imported[row.Id];
        }
        Check(await election.Open(LoadActor.Harness));
        return (election, codes.Select(code =>
        {
            var key = InvitationCodes.Hash(code)!;
            return new Voter(grains.GetGrain<IBallotBoxGrain>(BallotBox.Of(id, key, boxes).GrainKey), key);
        }).ToArray());
    }

    private static EnvelopeDefinition Envelope(string id, string[] projects, long budget) =>
        new(id, projects.Select((p, i) => new ProjectDefinition(p, LocalizedText.Plain(p), 500_000 + 100_000 * i)).ToArray(), budget, "greedy");

    private static T Check<T>(Outcome<T> outcome) =>
        outcome.Succeeded ? outcome.Value! : throw new InvalidOperationException($"{outcome.Failure}: {outcome.Error}");
}
