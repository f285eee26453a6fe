using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
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
        _blobs = new BlobServiceClient(connectionString, FailFast(new BlobClientOptions()));
        _log = new TableServiceClient(connectionString, FailFast(new TableClientOptions())).GetTableClient(namePrefix + "ballotlog");
    }

    /// <summary>
    /// One quick retry and a short network timeout instead of the SDK's patient defaults (3 retries, 100 s): a resident
    /// waits for the ballot's append, so an unreachable account must fail within seconds (the ballot box itself tries
    /// an append three times) and be answered 503.
    /// </summary>
    private static T FailFast<T>(T options) where T : ClientOptions
    {
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(3);
        return options;
    }

    /// <summary>Runs a request, turning "the account cannot be reached or cannot serve" into <see cref="StorageUnavailableException"/>.</summary>
    private static async Task<T> Reach<T>(string what, Func<Task<T>> request, CancellationToken cancellationToken)
    {
        try
        {
            return await request();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsUnavailable(e))
        {
            throw new StorageUnavailableException($"Azure Storage is unavailable ({what}): {e.Message}", e);
        }
    }

    /// <summary><see cref="Reach{T}"/> for each step of a listing.</summary>
    private static async IAsyncEnumerable<T> Reach<T>(string what, IAsyncEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var enumerator = items.GetAsyncEnumerator(cancellationToken);
        while (await Reach(what, () => enumerator.MoveNextAsync().AsTask(), cancellationToken))
            yield return enumerator.Current;
    }

    private static bool IsUnavailable(Exception e) => e switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 500 or 502 or 503 or 504,
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(IsUnavailable),
        HttpRequestException or IOException or TimeoutException or OperationCanceledException => true, // the SDK's network timeout is a cancellation
        _ => false,
    };

    private static bool IsValidPrefix(string prefix) =>
        prefix.Length == 0
        || (prefix.Length <= MaxPrefixLength && char.IsAsciiLetterLower(prefix[0]) && prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)));
}
