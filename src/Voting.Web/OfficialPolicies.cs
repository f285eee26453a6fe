using Microsoft.AspNetCore.Authorization;
using Voting.Grains.Contracts;

namespace Voting.Web;

/// <summary>The authorization policies of the officials' pages, over the official cookie.</summary>
internal static class OfficialPolicies
{
    /// <summary>A signed-in official with the <c>administrator</c> role.</summary>
    public const string Administrator = "official-administrator";

    /// <summary>A signed-in official, whatever their role (<c>administrator</c> or <c>observer</c>).</summary>
    public const string Official = "official";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(Administrator, policy => policy
            .AddAuthenticationSchemes(OfficialCookie.Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(OfficialCookie.RoleName(OfficialRole.Administrator)));
        options.AddPolicy(Official, policy => policy
            .AddAuthenticationSchemes(OfficialCookie.Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(Enum.GetValues<OfficialRole>().Select(OfficialCookie.RoleName)));
    }
}
