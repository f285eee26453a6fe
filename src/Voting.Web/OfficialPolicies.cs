using Microsoft.AspNetCore.Authorization;
using Voting.Grains.Contracts;

namespace Voting.Web;

/// <summary>The authorization policies of the officials' pages, over the official cookie.</summary>
internal static class OfficialPolicies
{
    /// <summary>A signed-in official with the <c>administrator</c> role.</summary>
    public const string Administrator = "official-administrator";

    public static void Configure(AuthorizationOptions options) =>
        options.AddPolicy(Administrator, policy => policy
            .AddAuthenticationSchemes(OfficialCookie.Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(OfficialCookie.RoleName(OfficialRole.Administrator)));
}
