using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using Voting.Core.Json;
using Voting.Grains.Results;
using Voting.Grains.Storage;
using Voting.Grains.Storage.Azure;
using Voting.Grains.Storage.Sqlite;

namespace Voting.Grains;

/// <summary>
/// What a silo (and a client) needs to run the vote engine: the JSON serialization of the <c>Voting.Core</c> types
/// that cross grain calls, the grains' options, and one storage backend for the ballot log and the documents.
/// </summary>
public static class VotingSiloExtensions
{
    /// <summary>Registers serialization, options and the SQLite storage at <paramref name="databasePath"/> (the embedded default).</summary>
    public static ISiloBuilder AddVotingGrains(this ISiloBuilder silo, string databasePath, Action<VotingGrainOptions>? configure = null)
    {
        silo.Services.AddVotingGrains(configure);
        return silo.UseSqliteVotingStorage(databasePath);
    }

    /// <summary>Registers serialization and options; add a storage with <see cref="UseSqliteVotingStorage"/> or <see cref="UseAzureVotingStorage"/>.</summary>
    public static ISiloBuilder AddVotingGrains(this ISiloBuilder silo, Action<VotingGrainOptions>? configure = null)
    {
        silo.Services.AddVotingGrains(configure);
        return silo;
    }

    /// <summary>Registers serialization and options on a silo's services.</summary>
    public static IServiceCollection AddVotingGrains(this IServiceCollection services, Action<VotingGrainOptions>? configure = null)
    {
        services.AddVotingSerialization();
        services.TryAddSingleton<IElectionCounter, ElectionCounter>();
        var options = services.AddOptions<VotingGrainOptions>();
        if (configure is not null) options.Configure(configure);
        return services;
    }

    /// <summary>
    /// Serializes the <c>Voting.Core</c> types (definitions, results) as JSON with <see cref="VotingJson.Options"/>.
    /// A silo gets it from <see cref="AddVotingGrains(ISiloBuilder, Action{VotingGrainOptions}?)"/>; an external cluster client needs it too.
    /// </summary>
    public static IServiceCollection AddVotingSerialization(this IServiceCollection services) =>
        services.AddSerializer(serializer => serializer.AddJsonSerializer(
            isSupported: type => type.Namespace?.StartsWith("Voting.Core", StringComparison.Ordinal) == true,
            jsonSerializerOptions: VotingJson.Options));

    /// <summary>The grain storage that keeps the grains' own state (an election's definition and status, the directory).</summary>
    public const string GrainStorage = "voting";

    /// <summary>
    /// Keeps the ballot logs, voter slots and documents in one SQLite file (WAL), created if missing, and the grains'
    /// state in the same file through Orleans' grain storage.
    /// </summary>
    public static ISiloBuilder UseSqliteVotingStorage(this ISiloBuilder silo, string databasePath)
    {
        silo.Services.UseVotingStorage(_ => new SqliteStorage(databasePath));
        return silo.AddSqliteGrainStorage(GrainStorage, databasePath);
    }

    /// <summary>
    /// Keeps them in Azure Storage (Azurite locally): the logs and documents in tables and blobs, the grains' state in
    /// a table through Orleans' own Azure table grain storage.
    /// </summary>
    /// <param name="namePrefix">Prepended to table and container names: lowercase letters and digits.</param>
    public static ISiloBuilder UseAzureVotingStorage(this ISiloBuilder silo, string connectionString, string namePrefix = "")
    {
        silo.Services.UseVotingStorage(_ => new AzureStorage(connectionString, namePrefix));
        return silo.AddAzureTableGrainStorage(GrainStorage, connectionString, o => o.TableName = namePrefix + "grainstate");
    }

    /// <summary>Uses one object that is both the ballot log store and the document store (it is disposed with the container).</summary>
    public static IServiceCollection UseVotingStorage<TStorage>(this IServiceCollection services, Func<IServiceProvider, TStorage> create)
        where TStorage : class, IBallotLogStore, IDocumentStore
    {
        services.RemoveAll<IBallotLogStore>();
        services.RemoveAll<IDocumentStore>();
        services.AddSingleton(create);
        services.AddSingleton<IBallotLogStore>(sp => sp.GetRequiredService<TStorage>());
        services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<TStorage>());
        return services;
    }
}
