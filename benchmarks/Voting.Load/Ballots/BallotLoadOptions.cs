using System.Globalization;

namespace Voting.Load.Ballots;

/// <summary>The command line of the ballot load: <c>ballots --store sqlite|azure --ballots N --concurrency C [--voters V] [--boxes K] [--data DIR] [--connection CS]</c>.</summary>
public sealed record BallotLoadOptions(string Store, int Ballots, int Concurrency, int Voters, string DataDir, string? Connection, int Warmup, int Boxes)
{
    public const string Usage =
        "ballots [--store sqlite|azure] [--ballots 200000] [--concurrency 2000] [--voters <ballots>] [--boxes 1] [--warmup 5000]\n" +
        "        [--data <folder for the SQLite file>] [--connection <Azure Storage connection string, e.g. Azurite's>]";

    public static BallotLoadOptions Parse(IReadOnlyDictionary<string, string> values)
    {
        var ballots = values.Int("ballots", 200_000);
        var store = values.GetValueOrDefault("store", "sqlite").ToLowerInvariant();
        if (store is "azurite") store = "azure";
        if (store is not ("sqlite" or "azure")) throw new ArgumentException($"unknown store '{store}': sqlite or azure");
        var connection = values.GetValueOrDefault("connection") ?? Environment.GetEnvironmentVariable("VOTING_AZURE_CONNECTION");
        if (store == "azure" && connection is null) throw new ArgumentException("--store azure needs --connection (or VOTING_AZURE_CONNECTION)");
        return new BallotLoadOptions(
            store, ballots, values.Int("concurrency", 2000), values.Int("voters", ballots),
            values.GetValueOrDefault("data") ?? Path.Combine(Path.GetTempPath(), "voting-bench-" + Guid.NewGuid().ToString("N")),
            connection, values.Int("warmup", 5000), values.Int("boxes", 1));
    }
}
