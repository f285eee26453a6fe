using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Voting.Core.Json;

namespace Voting.Grains;

/// <summary>What a silo and a client of the cluster need to exchange the <c>Voting.Core</c> types.</summary>
public static class VotingSerialization
{
    /// <summary>Serializes the <c>Voting.Core</c> types (definitions, tallies, results) as JSON with <see cref="VotingJson.Options"/>.</summary>
    public static IServiceCollection AddVotingSerialization(this IServiceCollection services) =>
        services.AddSerializer(serializer => serializer.AddJsonSerializer(
            isSupported: type => type.Namespace?.StartsWith("Voting.Core", StringComparison.Ordinal) == true,
            jsonSerializerOptions: VotingJson.Options));
}
