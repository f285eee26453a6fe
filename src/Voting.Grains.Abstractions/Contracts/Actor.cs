using Voting.Core.Trail;

namespace Voting.Grains.Contracts;

/// <summary>
/// Who asks a grain for an official action, and from where: a user name (<see cref="Token"/> for a script sending the
/// official token) and the client's address. The grain that performs the action stamps the time and records it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Actor([property: Id(0)] string Name, [property: Id(1)] string Address)
{
    /// <summary>The name of whoever authenticates with the official token rather than an account.</summary>
    public const string Token = "token";

    public TrailEntry Did(TrailAction action, DateTimeOffset at, long? voters = null, string? account = null) =>
        new(at, Name, Address, action, voters, account);
}
