namespace Voting.Web;

/// <summary>Endpoint metadata: which limits of <see cref="RateLimits"/> a request to the endpoint counts against.</summary>
public sealed class RateLimit
{
    private RateLimit() { }

    /// <summary>Casting or reading back a ballot: per client address, then per resident.</summary>
    public static RateLimit Cast { get; } = new();

    /// <summary>An official's request: per client address.</summary>
    public static RateLimit Official { get; } = new();

    /// <summary>An official signing in: per client address (the officials' limit), then per account.</summary>
    public static RateLimit OfficialSignIn { get; } = new();
}
