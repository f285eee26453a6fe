using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Voting.Grains.Results;

namespace Voting.Grains;

/// <summary>
/// What a silo needs to run the vote engine besides a storage (<c>UseSqliteVotingStorage</c> or
/// <c>UseAzureVotingStorage</c>): the serialization of the <c>Voting.Core</c> types, the count, and the grains' options.
/// </summary>
public static class VotingSiloExtensions
{
    public static ISiloBuilder AddVotingGrains(this ISiloBuilder silo, Action<VotingGrainOptions>? configure = null)
    {
        silo.Services.AddVotingGrains(configure);
        return silo;
    }

    public static IServiceCollection AddVotingGrains(this IServiceCollection services, Action<VotingGrainOptions>? configure = null)
    {
        services.AddVotingSerialization();
        services.TryAddSingleton<IElectionCounter, ElectionCounter>();
        services.TryAddSingleton(TimeProvider.System); // the clock that stamps the audit trails
        var options = services.AddOptions<VotingGrainOptions>();
        if (configure is not null) options.Configure(configure);
        return services;
    }
}
