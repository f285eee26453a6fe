using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Voting.Grains.Storage;

namespace Voting.Grains.Tests.Cluster;

/// <summary>An in-process Orleans cluster running the vote engine on a given storage.</summary>
public sealed class VotingCluster : IAsyncDisposable
{
    private VotingCluster(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The storage the (first) silo uses, for checks that read the log directly.</summary>
    public IBallotLogStore Log => Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress).GetRequiredService<IBallotLogStore>();

    public IDocumentStore Documents => Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress).GetRequiredService<IDocumentStore>();

    /// <summary>The service id every cluster of the tests shares, so that a restarted cluster finds its grains' state.</summary>
    private const string ServiceId = "voting-tests";

    public static async Task<VotingCluster> StartAsync(Action<ISiloBuilder> useStorage, Action<VotingGrainOptions>? configure = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddVotingGrains(configure);
            useStorage(silo);
        });
        builder.ConfigureClient(client => client.Services.AddVotingSerialization());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new VotingCluster(cluster);
    }

    public static Task<VotingCluster> StartSqliteAsync(string path, Action<VotingGrainOptions>? configure = null) =>
        StartAsync(silo => silo.UseSqliteVotingStorage(path), configure);

    /// <summary>Kills the silo: no deactivation, no last checkpoint, as when the process dies.</summary>
    public async Task KillAsync()
    {
        foreach (var silo in Cluster.Silos.ToArray()) await Cluster.KillSiloAsync(silo);
        await Cluster.KillClientAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
