using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voting.Grains.Contracts;

namespace Voting.Web;

/// <summary>
/// An official's script or client sending the official token as <c>Authorization: Bearer &lt;token&gt;</c>, by an
/// authentication handler: the token stands for an administrator. Only the header counts, never a query string. The
/// API's official operations, the drafts it shows officials and the results hub all ask this scheme.
/// </summary>
internal sealed class OfficialBearer(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminToken token) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "official-bearer";
    private const string UserName = "official token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Bearer.From(Request) is not { } bearer)
            return Task.FromResult(AuthenticateResult.NoResult());
        if (!token.Matches(bearer))
            return Task.FromResult(AuthenticateResult.Fail("the official token is not valid"));
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, UserName), new Claim(ClaimTypes.Role, OfficialCookie.RoleName(OfficialRole.Administrator))],
            Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}
