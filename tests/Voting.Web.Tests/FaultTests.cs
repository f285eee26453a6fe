using System.Net;
using System.Text.Json.Nodes;
using Voting.Core.Record;
using Xunit.Abstractions;
using static Voting.Web.Tests.Elections;
using static Voting.Web.Tests.FaultChecks;

namespace Voting.Web.Tests;

/// <summary>
/// Faults on a cluster of three nodes (Redis clustering, Azure storage on an Azurite that keeps its data on disk), under
/// a load of casts and revotes: the node hosting the election killed, the storage gone for 10 s, the whole cluster
/// restarted. What the clients were told (a <see cref="BallotLedger"/>) is checked against the election record.
/// </summary>
public sealed class FaultTests(FaultCluster cluster, ITestOutputHelper output) : IClassFixture<FaultCluster>
{
    private const int Voters = 120;

    [Fact]
    public async Task Killing_the_node_that_hosts_the_election_loses_no_acknowledged_ballot_and_counts_none_twice()
    {
        var nodes = await cluster.Ready();
        var (id, voters) = await Prepare(nodes[0], FaultCluster.Token, Voters);
        var ledger = new BallotLedger();
        var load = new CastLoad(id, voters, ledger);
        // The first cast activates the ballot box on one of the nodes, which says so in its log.
        Assert.Equal(201, (await load.Cast(nodes[0], voters[0].Voter, voters[0].Code, new Random(0))).Status);
        var host = await FaultCluster.Hosting(nodes, id);
        var survivors = nodes.Where(n => n != host).ToArray();
        load.Targets = survivors;

        using var stop = new CancellationTokenSource();
        var running = load.Run(workers: 12, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var killedAt = load.Clock.Elapsed;
        await cluster.Kill(host);
        var resumed = await load.FirstAcknowledgementAfter(killedAt + TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await running;

        var answers = load.Answers;
        output.WriteLine($"SIGKILL of the node hosting the ballot box; next acknowledged ballot after {Seconds(resumed?.Answered - killedAt)}");
        output.WriteLine(Summary(answers, ledger));
        var retries = survivors.SelectMany(n => n.Output.Split('\n')).Where(line => line.Contains("node gone (", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf("node gone (", StringComparison.Ordinal) + 11)..line.IndexOf(')', StringComparison.Ordinal)]).ToArray();
        output.WriteLine($"casts sent again by the web nodes: {retries.Length} ({string.Join(", ", retries.CountBy(r => r).Select(r => $"{r.Value} after {r.Key}"))})");
        Assert.NotNull(resumed);
        Assert.All(answers, a => Assert.True(a.Status is 201 or 503, $"{a.Status}: {a.Reason}"));

        await CloseAndCheck(survivors[0], FaultCluster.Token, id, ledger, cluster.Folder, output);
    }

    [Fact]
    public async Task With_the_storage_gone_for_10_s_casts_get_503_and_retry_after_and_the_vote_resumes_by_itself()
    {
        var nodes = await cluster.Ready();
        var (id, voters) = await Prepare(nodes[0], FaultCluster.Token, Voters);
        var ledger = new BallotLedger();
        var load = new CastLoad(id, voters, ledger) { Targets = nodes };

        await UnderStorageOutage(load, ledger, async gone =>
        {
            await cluster.Azurite.Stop();
            gone();
            await Task.Delay(TimeSpan.FromSeconds(10));
            await cluster.Azurite.Start(); // listening again
        }, "storage unreachable (stopped 10 s, then Azurite's start)", output);

        await CloseAndCheck(nodes[1], FaultCluster.Token, id, ledger, cluster.Folder, output);
    }

    [Fact]
    public async Task The_whole_cluster_restarted_gives_identical_results()
    {
        var nodes = await cluster.Ready();
        var (id, voters) = await Prepare(nodes[0], FaultCluster.Token, Voters);
        var ledger = new BallotLedger();
        var load = new CastLoad(id, voters, ledger) { Targets = nodes };
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3)))
            await load.Run(workers: 8, stop.Token);
        output.WriteLine(Summary(load.Answers, ledger));
        var before = await Results(nodes[0], id);

        // Every node stopped, then started again: the boxes come back from their logs (and checkpoints).
        nodes = await cluster.Restart();
        foreach (var node in nodes)
            Assert.Equal(before, await Results(node, id));
        await CloseAndCheck(nodes[2], FaultCluster.Token, id, ledger, cluster.Folder, output);
        var final = await Results(nodes[0], id);
        foreach (var node in nodes.Skip(1))
            Assert.Equal(final, await Results(node, id));
    }

    /// <summary>The results as the officials see them (live while the vote is open).</summary>
    private static async Task<byte[]> Results(HostProcess node, string id)
    {
        using var official = Official(node);
        using var response = await official.GetAsync($"/api/elections/{id}/results");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static HttpClient Official(HostProcess node) => node.WithBearer(FaultCluster.Token);
}
