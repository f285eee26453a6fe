namespace Voting.Grains.Contracts;

/// <summary>An official's account: their user name, role and password hash (never the password).</summary>
[GenerateSerializer, Immutable]
public sealed record OfficialAccount(
    [property: Id(0)] string UserName,
    [property: Id(1)] OfficialRole Role,
    [property: Id(2)] string PasswordHash);
