namespace Voting.Grains.Storage;

/// <summary>Tells whether the store can be reached, for the node's readiness.</summary>
public interface IStorageProbe
{
    /// <summary>A cheap read on the store; throws when the store cannot be reached or read.</summary>
    Task ProbeAsync(CancellationToken cancellationToken);
}
