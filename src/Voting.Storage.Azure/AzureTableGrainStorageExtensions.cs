using Azure.Data.Tables;
using Orleans.Configuration;
using Orleans.Providers;

namespace Voting.Grains.Storage.Azure;

/// <summary>
/// Registers Orleans' Azure table grain storage (<c>Microsoft.Orleans.Persistence.AzureStorage</c>) against a
/// storage account's connection string, as the vote engine's other Azure storage is (Azurite locally).
/// </summary>
public static class AzureTableGrainStorageExtensions
{
    /// <summary>Adds a grain storage named <paramref name="name"/> in a table of the account at <paramref name="connectionString"/>.</summary>
    /// <param name="configure">Further options, such as <see cref="AzureTableStorageOptions.TableName"/> (<c>OrleansGrainState</c> unless set).</param>
    public static ISiloBuilder AddAzureTableGrainStorage(
        this ISiloBuilder silo, string name, string connectionString, Action<AzureTableStorageOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return silo.AddAzureTableGrainStorage(name, options =>
        {
            options.TableServiceClient = new TableServiceClient(connectionString);
            configure?.Invoke(options);
        });
    }

    /// <summary>Adds the default grain storage (for states that name no storage) in a table of the account at <paramref name="connectionString"/>.</summary>
    /// <inheritdoc cref="AddAzureTableGrainStorage(ISiloBuilder, string, string, Action{AzureTableStorageOptions}?)"/>
    public static ISiloBuilder AddAzureTableGrainStorageAsDefault(
        this ISiloBuilder silo, string connectionString, Action<AzureTableStorageOptions>? configure = null) =>
        silo.AddAzureTableGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, connectionString, configure);
}
