using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Voting.Grains.Storage.Azure;

public sealed partial class AzureStorage : IDocumentStore
{
    public Task<StoredDocument?> ReadAsync(string collection, string key, CancellationToken cancellationToken = default) =>
        Reach("read a document", () => ReadCheckedAsync(collection, key, cancellationToken), cancellationToken);

    private async Task<StoredDocument?> ReadCheckedAsync(string collection, string key, CancellationToken cancellationToken)
    {
        var blob = (await ContainerAsync(collection, cancellationToken)).GetBlobClient(key);
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return new StoredDocument(content.Value.Content.ToArray(), content.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public Task<string> WriteAsync(string collection, string key, byte[] data, string? expectedETag, CancellationToken cancellationToken = default) =>
        Reach("write a document", () => WriteCheckedAsync(collection, key, data, expectedETag, cancellationToken), cancellationToken);

    private async Task<string> WriteCheckedAsync(string collection, string key, byte[] data, string? expectedETag, CancellationToken cancellationToken)
    {
        var blob = (await ContainerAsync(collection, cancellationToken)).GetBlobClient(key);
        var conditions = expectedETag is null
            ? new BlobRequestConditions { IfNoneMatch = ETag.All }
            : new BlobRequestConditions { IfMatch = new ETag(expectedETag) };
        try
        {
            var uploaded = await blob.UploadAsync(BinaryData.FromBytes(data), new BlobUploadOptions { Conditions = conditions }, cancellationToken);
            return uploaded.Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            throw new ConcurrencyConflictException(expectedETag is null
                ? $"Document '{collection}/{key}' already exists."
                : $"Document '{collection}/{key}' is no longer at ETag {expectedETag}.");
        }
    }

    public IAsyncEnumerable<string> ListKeysAsync(string collection, string prefix = "", CancellationToken cancellationToken = default) =>
        Reach("list documents", ListKeysCheckedAsync(collection, prefix, cancellationToken), cancellationToken);

    private async IAsyncEnumerable<string> ListKeysCheckedAsync(string collection, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var container = await ContainerAsync(collection, cancellationToken);
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
            yield return item.Name;
    }

    private async Task<BlobContainerClient> ContainerAsync(string collection, CancellationToken cancellationToken)
    {
        if (_createdContainers.TryGetValue(collection, out var created)) return created;
        var container = _blobs.GetBlobContainerClient(ContainerName.For(_prefix, collection));
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return _createdContainers[collection] = container;
    }
}
