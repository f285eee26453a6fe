using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Voting.Host;

/// <summary>Applies <see cref="FailoverOptions"/> to Orleans' cluster membership on a silo of several nodes.</summary>
internal static class FailoverConfiguration
{
    public static ISiloBuilder ConfigureFailover(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<FailoverOptions>()
            .Bind(configuration.GetSection(FailoverOptions.Section))
            .Validate(o => o.ProbeTimeout > TimeSpan.Zero && o.DeathVoteExpiration > TimeSpan.Zero
                           && o.IAmAlivePeriod > TimeSpan.Zero && o.TableRefreshPeriod > TimeSpan.Zero,
                $"{FailoverOptions.Section}: every period must be positive")
            .Validate(o => o.MissedProbesLimit >= 1 && o.VotesForDeathDeclaration >= 1,
                $"{FailoverOptions.Section}: MissedProbesLimit and VotesForDeathDeclaration must be at least 1")
            .ValidateOnStart();
        silo.Services.AddOptions<ClusterMembershipOptions>().Configure<IOptions<FailoverOptions>>((membership, failover) =>
        {
            var o = failover.Value;
            membership.ProbeTimeout = o.ProbeTimeout;
            membership.MinProbeTimeout = o.ProbeTimeout / 2;
            membership.MaxProbeTimeout = o.ProbeTimeout * 4;
            membership.NumMissedProbesLimit = o.MissedProbesLimit;
            membership.NumVotesForDeathDeclaration = o.VotesForDeathDeclaration;
            membership.DeathVoteExpirationTimeout = o.DeathVoteExpiration;
            membership.IAmAliveTablePublishTimeout = o.IAmAlivePeriod;
            membership.TableRefreshTimeout = o.TableRefreshPeriod;
        });
        return silo;
    }
}
