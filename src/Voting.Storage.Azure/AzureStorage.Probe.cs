using Azure.Data.Tables;

namespace Voting.Grains.Storage.Azure;

public sealed partial class AzureStorage : IStorageProbe
{
    /// <summary>Two small reads, of the blob service's properties and of an absent entity of the log table: both services reachable, the key valid.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await _blobs.GetPropertiesAsync(cancellationToken);
        await _log.GetEntityIfExistsAsync<TableEntity>("probe", "probe", ["PartitionKey"], cancellationToken);
    }
}
