namespace Voting.Grains.Storage;

/// <summary>
/// The store could not be reached or could not write (network down, service unavailable, file read-only or disk full),
/// after the few quick retries the provider allows itself. Nothing of the failed write is stored: trying again later
/// is safe. The web answers 503 with <c>Retry-After</c>.
/// </summary>
[GenerateSerializer]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
