namespace Voting.Grains.Storage;

/// <summary>Tells whether the store can be reached and take writes, as far as a probe can tell without writing, for the node's readiness.</summary>
public interface IStorageProbe
{
    /// <summary>A cheap check of the store; throws when the store cannot be reached, read or locked for a write.</summary>
    Task ProbeAsync(CancellationToken cancellationToken);
}
