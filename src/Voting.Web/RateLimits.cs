using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Voting.Grains.Elections;

namespace Voting.Web;

/// <summary>
/// The rate limits (<c>Voting:RateLimiting</c>), through the framework's rate limiter. A request counts first against its
/// client address (behind configured proxies, the forwarded one), then against the resident (their invitation code,
/// hashed) or the official's account it is for: a client that keeps guessing is stopped at its address before it can
/// use up an account's attempts, and an account under attack leaves every other account alone. Endpoints say which
/// limits apply with <see cref="RateLimit"/> metadata; the pages ask <see cref="AttemptSignIn"/> and <see cref="AttemptCast"/>.
/// </summary>
public sealed class RateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<Attempt> _limiter;

    public RateLimits(IOptions<VotingWebOptions> options)
    {
        var limits = options.Value.RateLimiting;
        var perAddress = PartitionedRateLimiter.Create<Attempt, string>(attempt => ByAddress(attempt, limits));
        var perCredential = PartitionedRateLimiter.Create<Attempt, string>(attempt => ByCredential(attempt, limits));
        _limiter = PartitionedRateLimiter.CreateChained(perAddress, perCredential);
        Requests = _limiter.WithTranslatedKey<HttpContext>(OfRequest, leaveOpen: true);
    }

    /// <summary>The middleware's limiter: a request to an endpoint without <see cref="RateLimit"/> metadata is never limited.</summary>
    public PartitionedRateLimiter<HttpContext> Requests { get; }

    /// <summary>An official's sign-in with <paramref name="userName"/> on the page; the lease says whether it may go on.</summary>
    public RateLimitLease AttemptSignIn(HttpContext http, string userName) =>
        _limiter.AttemptAcquire(new Attempt(RateLimit.OfficialSignIn, ClientAddress(http), Account(userName)));

    /// <summary>A ballot cast (or a resident signing in) on the ballot page, by the resident with <paramref name="voterKey"/>.</summary>
    public RateLimitLease AttemptCast(HttpContext http, string? voterKey) =>
        _limiter.AttemptAcquire(new Attempt(RateLimit.Cast, ClientAddress(http), voterKey ?? ""));

    /// <summary>Answers 429 with the time to wait in <c>Retry-After</c>, when the refused lease says; the caller writes the body.</summary>
    public static void Refuse(HttpContext http, RateLimitLease lease)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        Requests.Dispose();
        _limiter.Dispose();
    }

    private static RateLimitPartition<string> ByAddress(Attempt attempt, VotingRateLimitOptions limits)
    {
        if (!limits.Enabled || attempt.Limit is null)
            return NoLimit;
        if (attempt.Limit == RateLimit.Cast)
            return RateLimitPartition.GetTokenBucketLimiter("cast " + attempt.Address, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, limits.CastPerMinute),
                TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(limits.CastPerMinute / 60.0)),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        return PerMinute("official " + attempt.Address, limits.LoginPerMinute); // official requests and sign-ins alike
    }

    private static RateLimitPartition<string> ByCredential(Attempt attempt, VotingRateLimitOptions limits)
    {
        if (!limits.Enabled || attempt.Limit is null || attempt.Credential.Length == 0)
            return NoLimit;
        if (attempt.Limit == RateLimit.Cast)
            return PerMinute("resident " + attempt.Credential, limits.CastPerResidentPerMinute);
        if (attempt.Limit == RateLimit.OfficialSignIn)
            return PerMinute("account " + attempt.Credential, limits.SignInPerAccountPerMinute);
        return NoLimit;
    }

    private static RateLimitPartition<string> NoLimit { get; } = RateLimitPartition.GetNoLimiter("");

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static Attempt OfRequest(HttpContext http)
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<RateLimit>();
        if (limit is null)
            return Attempt.Unlimited;
        var bearer = Bearer.From(http.Request);
        var credential =
            limit == RateLimit.Cast ? InvitationCodes.Hash(bearer) ?? "" // the hash a voter is known by, never the code; none for what cannot be a code
            : limit == RateLimit.OfficialSignIn ? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(bearer ?? ""))) // the token presented
            : "";
        return new Attempt(limit, ClientAddress(http), credential);
    }

    /// <summary>Accounts are named case-insensitively; a name no account can have shares one partition with the others.</summary>
    private static string Account(string userName)
    {
        var name = userName.Trim();
        return OfficialAccounts.IsValidUserName(name) ? name.ToLowerInvariant() : "not an account";
    }

    /// <summary>The client's address as the audit trails name it: an IPv4 client is one partition however its socket sees it.</summary>
    private static string ClientAddress(HttpContext http) => OfficialActors.Address(http);

    /// <summary>What a request or a sign-in counts against: its limits, its client address and the resident's or account's key.</summary>
    private readonly record struct Attempt(RateLimit? Limit, string Address, string Credential)
    {
        public static Attempt Unlimited { get; } = new(null, "", "");
    }
}
