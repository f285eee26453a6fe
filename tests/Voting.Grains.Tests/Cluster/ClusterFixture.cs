namespace Voting.Grains.Tests.Cluster;

/// <summary>One cluster on one SQLite file for the tests that do not restart it; each test uses its own elections.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "voting-cluster-" + Guid.NewGuid().ToString("N"));

    public VotingCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Grains;

    public async Task InitializeAsync() => Cluster = await VotingCluster.StartSqliteAsync(Path.Combine(_folder, "voting.db"));

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
