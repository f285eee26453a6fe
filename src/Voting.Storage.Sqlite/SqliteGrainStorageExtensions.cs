using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration.Overrides;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Voting.Grains.Storage.Sqlite;

/// <summary>Registers a <see cref="SqliteGrainStorage"/>, the embedded grain storage: one node, no external service.</summary>
public static class SqliteGrainStorageExtensions
{
    /// <summary>Adds a grain storage named <paramref name="name"/> in the SQLite file at <paramref name="databasePath"/>.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string name, string databasePath)
    {
        silo.Services.AddSqliteGrainStorage(name, databasePath);
        return silo;
    }

    /// <summary>Adds the default grain storage (for states that name no storage) in the SQLite file at <paramref name="databasePath"/>.</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder silo, string databasePath) =>
        silo.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, databasePath);

    /// <inheritdoc cref="AddSqliteGrainStorage(ISiloBuilder, string, string)"/>
    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, string name, string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        services.AddOptions<SqliteGrainStorageOptions>(name).Configure(options => options.DatabasePath = databasePath);
        services.AddTransient<IPostConfigureOptions<SqliteGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<SqliteGrainStorageOptions>>();
        return services.AddGrainStorage(name, (provider, storageName) => ActivatorUtilities.CreateInstance<SqliteGrainStorage>(
            provider,
            storageName,
            provider.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(storageName),
            provider.GetProviderClusterOptions(storageName)));
    }
}
