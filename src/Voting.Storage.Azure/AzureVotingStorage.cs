using Voting.Grains.Storage.Azure;

namespace Voting.Grains.Storage;

/// <summary>Azure Storage for a deployment of several nodes (Azurite locally).</summary>
public static class AzureVotingStorage
{
    /// <summary>
    /// Keeps the ballot logs, voter slots and documents in tables and blobs, and the grains' state in a table through
    /// Orleans' own Azure table grain storage.
    /// </summary>
    /// <param name="namePrefix">Prepended to table and container names: lowercase letters and digits.</param>
    public static ISiloBuilder UseAzureVotingStorage(this ISiloBuilder silo, string connectionString, string namePrefix = "")
    {
        silo.Services.UseVotingStorage(_ => new AzureStorage(connectionString, namePrefix));
        return silo.AddAzureTableGrainStorage(VotingStorage.GrainStorage, connectionString, o => o.TableName = namePrefix + "grainstate");
    }
}
