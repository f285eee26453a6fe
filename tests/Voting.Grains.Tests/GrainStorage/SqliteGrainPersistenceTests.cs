using Orleans.TestingHost;
using Voting.Grains.Storage.Sqlite;

namespace Voting.Grains.Tests.GrainStorage;

/// <summary>A grain's <see cref="IPersistentState{TState}"/> kept by the SQLite grain storage, across deactivations and restarts.</summary>
public sealed class SqliteGrainPersistenceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "voting-grain-persistence-" + Guid.NewGuid().ToString("N"));
    private readonly string _serviceId = Guid.NewGuid().ToString("N");

    private async Task<InProcessTestCluster> StartAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = _serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            // The vote engine's grains are in the cluster too, and their contracts need its serialization.
            silo.Services.AddVotingSerialization();
            silo.AddSqliteGrainStorage(NoteGrain.StorageName, Path.Combine(_folder, "voting.db"));
        });
        builder.ConfigureClient(client => client.Services.AddVotingSerialization());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    [Fact]
    public async Task A_written_state_comes_back_after_a_deactivation_and_after_a_restart()
    {
        await using (var cluster = await StartAsync())
        {
            var grain = cluster.Client.GetGrain<INoteGrain>("paris");
            Assert.Null(await grain.Read());
            await grain.Write("first", [1, 2]);
            await grain.Write("second", [3]);

            await grain.Deactivate();
            var read = await grain.Read();
            Assert.Equal("second", read?.Text);
            Assert.Equal([3], read?.Numbers);

            await cluster.Client.GetGrain<INoteGrain>("lyon").Write("other", []);
        }

        await using (var cluster = await StartAsync())
        {
            var grain = cluster.Client.GetGrain<INoteGrain>("paris");
            var read = await grain.Read();
            Assert.Equal("second", read?.Text);
            Assert.Equal([3], read?.Numbers);

            await grain.Clear();
            await grain.Deactivate();
            Assert.Null(await grain.Read());
            Assert.Equal("other", (await cluster.Client.GetGrain<INoteGrain>("lyon").Read())?.Text);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
