namespace Voting.Web;

/// <summary>The web node's settings, from the configuration section <c>Voting</c> (environment <c>Voting__*</c>).</summary>
public sealed class VotingWebOptions
{
    public const string Section = "Voting";

    /// <summary>The officials' bearer token; when empty, one is generated on first start and kept in the data folder (<c>Voting:DataDir</c>).</summary>
    public string? AdminToken { get; set; }

    /// <summary>Largest ballot body (default 1 MiB).</summary>
    public long MaxBallotBytes { get; set; } = 1L << 20;

    /// <summary>Largest election definition body (default 4 MiB).</summary>
    public long MaxDefinitionBytes { get; set; } = 4L << 20;

    /// <summary>Largest voter roll import body (default 64 MiB).</summary>
    public long MaxVoterImportBytes { get; set; } = 64L << 20;

    /// <summary>How often the node renews its results subscriptions (observers expire if not renewed).</summary>
    public int ObserverRefreshSeconds { get; set; } = 60;

    public VotingRateLimitOptions RateLimiting { get; set; } = new();

    /// <summary>The reverse proxies whose forwarded headers give the client's address (none by default).</summary>
    public ForwardedProxies ForwardedHeaders { get; set; } = new();

    /// <summary>Why these settings cannot run a node, or null: checked once, at start.</summary>
    public string? Problem() =>
        MaxBallotBytes <= 0 || MaxDefinitionBytes <= 0 || MaxVoterImportBytes <= 0 ? "Voting:MaxBallotBytes, MaxDefinitionBytes and MaxVoterImportBytes must be positive"
        : ObserverRefreshSeconds <= 0 ? "Voting:ObserverRefreshSeconds must be positive"
        : null;
}

/// <summary>The limits of <see cref="RateLimits"/> (<c>Voting:RateLimiting:*</c>); set <c>Enabled</c> to false for load tests.</summary>
public sealed class VotingRateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Ballots a client address may cast or read back, on the API or the ballot page, per minute (a token bucket, refilled every second).</summary>
    public int CastPerMinute { get; set; } = 1200;

    /// <summary>Ballots one resident (one invitation code) may cast or read back per minute, from any address.</summary>
    public int CastPerResidentPerMinute { get; set; } = 30;

    /// <summary>Official requests (sign-in on the page or <c>/api/login</c>, and every official endpoint) a client address may make per minute.</summary>
    public int LoginPerMinute { get; set; } = 300;

    /// <summary>Sign-in attempts per minute on one official's account (its user name; on <c>/api/login</c>, the token presented), from any address.</summary>
    public int SignInPerAccountPerMinute { get; set; } = 20;
}
