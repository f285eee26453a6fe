using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Voting.Grains.Storage.Azure;

/// <summary>
/// Storage on an Azure Storage account (or Azurite), with the optimistic concurrency of Orleans' own Azure providers:
/// documents are blobs (one container per collection) written with If-Match / If-None-Match; the ballot log and the
/// voter slots share one table, partitioned by election, so that an append is one entity group transaction.
/// </summary>
public sealed partial class AzureStorage
{
    private const int MaxPrefixLength = 40;

    private readonly BlobServiceClient _blobs;
    private readonly TableClient _log;
    private readonly string _prefix;
    private readonly ConcurrentDictionary<string, BlobContainerClient> _createdContainers = new();
    private volatile bool _logTableCreated;

    /// <param name="connectionString">An Azure Storage connection string with blob and table endpoints.</param>
    /// <param name="namePrefix">
    /// Prepended to the table and container names so that several deployments or test runs can share an account:
    /// at most 40 lowercase letters and digits, starting with a letter.
    /// </param>
    public AzureStorage(string connectionString, string namePrefix = "")
    {
        if (!IsValidPrefix(namePrefix))
            throw new ArgumentException(
                $"The name prefix must be at most {MaxPrefixLength} lowercase letters and digits, starting with a letter.", nameof(namePrefix));
        _prefix = namePrefix;
        _blobs = new BlobServiceClient(connectionString);
        _log = new TableServiceClient(connectionString).GetTableClient(namePrefix + "ballotlog");
    }

    private static bool IsValidPrefix(string prefix) =>
        prefix.Length == 0
        || (prefix.Length <= MaxPrefixLength && char.IsAsciiLetterLower(prefix[0]) && prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)));
}
