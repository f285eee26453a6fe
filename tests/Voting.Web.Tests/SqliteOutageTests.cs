using System.Net;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Voting.Web.Tests;

/// <summary>
/// One node on its embedded SQLite file while another process holds the file's write lock for 10 s, as an
/// administrator's <c>sqlite3</c> session or a copy tool can: what the clients were told is checked against the record.
/// </summary>
public sealed class SqliteOutageTests(ITestOutputHelper output)
{
    private const string Token = "sqlite-outage-token-0123456789";

    [Fact]
    public async Task With_the_SQLite_file_locked_for_10_s_casts_get_503_and_retry_after_and_the_vote_resumes_by_itself()
    {
        await using var node = await HostProcess.Start(new Dictionary<string, string>
        {
            ["Voting:AdminToken"] = Token,
            ["Voting:LoadSeeds"] = "false",
            ["Voting:RateLimiting:Enabled"] = "false",
        });
        var (id, voters) = await FaultChecks.Prepare(node, Token);
        var ledger = new BallotLedger();
        var load = new CastLoad(id, voters, ledger) { Targets = [node] };

        await FaultChecks.UnderStorageOutage(load, ledger, async gone =>
        {
            await using var holder = new SqliteConnection($"Data Source={Path.Combine(node.DataDir, "voting.db")};Pooling=False");
            await holder.OpenAsync();
            await using var exclusive = holder.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE;";
            // Taking the lock waits for the node's commit in progress, which may take a while under load.
            await exclusive.ExecuteNonQueryAsync();
            gone();
            // The node says it cannot take ballots, for a load balancer to send residents elsewhere.
            using (var ready = await node.Client.GetAsync("/health/ready"))
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(10));
        }, "the file's write lock held by another connection", output);

        using (var ready = await node.Client.GetAsync("/health/ready"))
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        await FaultChecks.CloseAndCheck(node, Token, id, ledger, node.DataDir, output);
    }
}
