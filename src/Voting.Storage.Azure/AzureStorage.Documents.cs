using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Voting.Grains.Storage.Azure;

public sealed partial class AzureStorage : IDocumentStore
{
    public async Task<StoredDocument?> ReadAsync(string collection, string key, CancellationToken cancellationToken = default)
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

    public async Task<string> WriteAsync(string collection, string key, byte[] data, string? expectedETag, CancellationToken cancellationToken = default)
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

    public async IAsyncEnumerable<string> ListKeysAsync(string collection, string prefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
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
