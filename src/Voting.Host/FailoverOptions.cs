namespace Voting.Host;

/// <summary>
/// How fast the cluster notices a dead node (section <c>Voting:Failover</c>), so that the grains it hosted come back on
/// the other nodes and the vote resumes. Orleans' defaults (probe every 5 s, 3 missed probes, votes valid 2 minutes)
/// take some 13 s from a killed node to the next acknowledged ballot; these take 2 to 4 s on a local network.
/// </summary>
public sealed class FailoverOptions
{
    public const string Section = "Voting:Failover";

    /// <summary>Initial timeout of a liveness probe, and period between probes (Orleans adapts both between half and four times this).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes in a row after which a node suspects another and votes it dead.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>Votes that declare a node dead (at most the live nodes; Orleans takes fewer when fewer are left).</summary>
    public int VotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How long a vote counts: long enough for the second vote to arrive, short enough that old suspicions do not add up.</summary>
    public TimeSpan DeathVoteExpiration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a node writes its heartbeat in the membership table (a node silent for 3 periods is treated as stale).</summary>
    public TimeSpan IAmAlivePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a node reads the whole membership table, beside the changes the nodes gossip to each other at once.</summary>
    public TimeSpan TableRefreshPeriod { get; set; } = TimeSpan.FromSeconds(10);
}
