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

namespace Voting.Load.Roll;

/// <summary>
/// What a large roll costs after a restart: imports <c>--voters</c> voters into an election of <c>--boxes</c> ballot
/// boxes on a SQLite file, stops the silo, starts a new one on the same file, and measures the time to answer the first
/// request (the results, which wakes every box and loads its share of the roll), then a first ballot, and the managed
/// memory the roll holds per registered voter once loaded.
/// </summary>
public static class RollLoad
{
    public const string Usage = "roll [--voters 1000000] [--boxes 1] [--data <folder for the SQLite file>]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (!Arguments.TryRead(args, values => (Voters: values.Int("voters", 1_000_000), Boxes: values.Int("boxes", 1), Data: values.GetValueOrDefault("data")), Usage, out var options))
            return 2;
        var (voters, boxes, data) = options;
        var dataDir = data ?? Path.Combine(Path.GetTempPath(), "voting-roll-" + Guid.NewGuid().ToString("N"));
        var database = Path.Combine(dataDir, "voting.db");
        Directory.CreateDirectory(dataDir);
        var id = "roll-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            string firstCode;
            using (var host = await StartAsync(database))
            {
                var election = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IElectionGrain>(id);
                Check(await election.Create(new ElectionDefinition(
                    id, LocalizedText.Plain("Roll load"), ElectionKind.Budget, GradeScale.Paris.Labels,
                    [new EnvelopeDefinition("city", [new ProjectDefinition("p1", LocalizedText.Plain("p1"), 1)], 10, "greedy"),
                     new EnvelopeDefinition("north", [new ProjectDefinition("p2", LocalizedText.Plain("p2"), 1)], 10, "greedy")],
                    BallotBoxes: boxes), LoadActor.Harness));
                firstCode = "";
                var clock = Stopwatch.StartNew();
                const int chunk = 100_000;
                for (int start = 0; start < voters; start += chunk)
                {
                    var rows = Enumerable.Range(start, Math.Min(chunk, voters - start))
                        .Select(v => new VoterImport($"voter-{v}", v % 3 == 0 ? ["city", "north"] : ["city"])).ToArray();
                    var codes = Check(await election.ImportVoters(rows, LoadActor.Harness));
                    if (start == 0) firstCode = codes["voter-0"];
                    Console.Error.Write($"\rimported {Math.Min(start + chunk, voters):N0} / {voters:N0} voters ({clock.Elapsed.TotalSeconds:F0} s)");
                }
                Console.Error.WriteLine();
                Check(await election.Open(LoadActor.Harness));
                await host.StopAsync();
            }

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            using var restarted = await StartAsync(database);
            var grains = restarted.Services.GetRequiredService<IGrainFactory>();
            long before = Managed();

            var first = Stopwatch.StartNew();
            var results = await grains.GetGrain<IElectionGrain>(id).Results();
            first.Stop();
            long after = Managed();
            var key = InvitationCodes.Hash(firstCode)!;
            var cast = Stopwatch.StartNew();
            Check(await grains.GetGrain<IBallotBoxGrain>(BallotBox.Of(id, key, boxes).GrainKey).Cast(key, new Dictionary<string, int> { ["p1"] = 4 }));
            cast.Stop();

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{voters:N0} registered voters in {boxes} ballot boxes (SQLite {new FileInfo(database).Length / 1e6:F0} MB), after a restart:"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"first request (results, every box awake with its roll) {first.Elapsed.TotalMilliseconds:F0} ms; first ballot after it {cast.Elapsed.TotalMilliseconds:F0} ms; {results?.Ballots} ballots before it"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"managed memory held by the loaded election before its first ballot: {(after - before) / 1e6:F1} MB = {(double)(after - before) / voters:F1} bytes per registered voter"));
            await restarted.StopAsync();
            return 0;
        }
        finally
        {
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    private static long Managed()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<IHost> StartAsync(string database)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddVotingGrains().UseSqliteVotingStorage(database));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static T Check<T>(Outcome<T> outcome) =>
        outcome.Succeeded ? outcome.Value! : throw new InvalidOperationException($"{outcome.Failure}: {outcome.Error}");
}
