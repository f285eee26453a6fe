namespace Voting.Grains.Tests.Cluster;

public sealed class SqliteRestartTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "voting-restart-" + Guid.NewGuid().ToString("N"));

    private string Database => Path.Combine(_folder, "voting.db");

    [Fact]
    public Task After_a_kill_the_tallies_come_back_from_the_checkpoint_and_the_rest_of_the_log() =>
        RestartScenario.RunAsync(
            () => VotingCluster.StartSqliteAsync(Database, o => o.CheckpointInterval = TimeSpan.FromMilliseconds(200)),
            voters: 300, waitForCheckpoint: TimeSpan.FromSeconds(1));

    [Fact]
    public Task After_a_kill_before_any_checkpoint_the_tallies_come_back_from_the_whole_log() =>
        RestartScenario.RunAsync(
            () => VotingCluster.StartSqliteAsync(Database, o => o.CheckpointInterval = TimeSpan.FromHours(1)),
            voters: 300, waitForCheckpoint: null);

    [Fact]
    public Task With_four_ballot_boxes_a_kill_mid_load_loses_no_acknowledged_ballot_and_counts_none_twice() =>
        RestartScenario.RunAsync(
            () => VotingCluster.StartSqliteAsync(Database, o => o.CheckpointInterval = TimeSpan.FromMilliseconds(200)),
            voters: 300, waitForCheckpoint: TimeSpan.FromSeconds(1), boxes: 4);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
