using Microsoft.Extensions.Diagnostics.HealthChecks;
using Voting.Grains.Storage;

namespace Voting.Host.Health;

/// <summary>Ready only while the configured store (SQLite file or Azure account) answers its probe.</summary>
internal sealed class StorageHealthCheck(IStorageProbe store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ProbeAsync(cancellationToken);
            return HealthCheckResult.Healthy("the store answers");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "the store cannot be reached or written", e);
        }
    }
}
