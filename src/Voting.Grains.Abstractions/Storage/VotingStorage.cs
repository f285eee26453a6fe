using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Voting.Grains.Storage;

/// <summary>How a storage provider plugs in: one object for the append-only stores, and a grain storage by this name.</summary>
public static class VotingStorage
{
    /// <summary>The grain storage that keeps the grains' own state (an election's definition and status, the directory).</summary>
    public const string GrainStorage = "voting";

    /// <summary>Uses one object that is the ballot log store, the document store and their probe (it is disposed with the container).</summary>
    public static IServiceCollection UseVotingStorage<TStorage>(this IServiceCollection services, Func<IServiceProvider, TStorage> create)
        where TStorage : class, IBallotLogStore, IDocumentStore, IStorageProbe
    {
        services.RemoveAll<IBallotLogStore>();
        services.RemoveAll<IDocumentStore>();
        services.RemoveAll<IStorageProbe>();
        services.AddSingleton(create);
        services.AddSingleton<IBallotLogStore>(sp => sp.GetRequiredService<TStorage>());
        services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<TStorage>());
        services.AddSingleton<IStorageProbe>(sp => sp.GetRequiredService<TStorage>());
        return services;
    }
}
