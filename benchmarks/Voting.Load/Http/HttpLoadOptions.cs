using System.Globalization;

namespace Voting.Load.Http;

/// <summary>The command line of the HTTP load (see <see cref="Usage"/>).</summary>
public sealed record HttpLoadOptions(int Nodes, int Ballots, TimeSpan Duration, int Connections, int Voters, int Boxes, double Rate, int Warmup)
{
    public const string Usage =
        "http [--nodes 1|3] [--ballots 100000] [--seconds 60] [--connections 128] [--voters <ballots / 2>] [--boxes 1]\n" +
        "     [--rate <ballots/s, 0 = flat out>] [--warmup 60000]\n" +
        "     --nodes 1: one host on its embedded SQLite; --nodes 3: three hosts clustered by redis-server on Azurite's storage";

    public static HttpLoadOptions Parse(IReadOnlyDictionary<string, string> values)
    {
        var nodes = values.Int("nodes", 1);
        if (nodes < 1) throw new ArgumentException("--nodes must be at least 1");
        var ballots = values.Int("ballots", 100_000);
        var connections = values.Int("connections", 128);
        var voters = values.Int("voters", Math.Max(connections, ballots / 2));
        if (ballots < 1 || connections < 1 || voters < connections)
            throw new ArgumentException("--ballots and --connections must be positive, and --voters at least --connections");
        var rate = values.TryGetValue("rate", out var r) ? double.Parse(r, CultureInfo.InvariantCulture) : 0;
        return new HttpLoadOptions(nodes, ballots, TimeSpan.FromSeconds(values.Int("seconds", 60)), connections, voters, values.Int("boxes", 1), rate, values.Int("warmup", 60_000));
    }
}
