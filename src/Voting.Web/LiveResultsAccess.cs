using Microsoft.AspNetCore.Authorization;
using Voting.Core.Elections;
using Voting.Grains.Contracts;

namespace Voting.Web;

/// <summary>
/// Who may follow an election's results, as an authorization policy over the election: anyone once the vote is closed;
/// before that, an official (administrator or observer) signed in with the officials' cookie or sending the official
/// token as bearer. A resident's voter cookie or invitation code is no official's credential.
/// </summary>
internal sealed class LiveResultsAccess : AuthorizationHandler<LiveResultsAccess, ElectionInfo>, IAuthorizationRequirement
{
    public const string Policy = "live-results";

    private static readonly string[] Roles =
        [OfficialCookie.RoleName(OfficialRole.Administrator), OfficialCookie.RoleName(OfficialRole.Observer)];

    public static void Configure(AuthorizationOptions options) =>
        options.AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(OfficialCookie.Scheme, OfficialBearer.SchemeName)
            .AddRequirements(new LiveResultsAccess()));

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, LiveResultsAccess requirement, ElectionInfo election)
    {
        if (election.Status == ElectionStatus.Closed || Roles.Any(context.User.IsInRole))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
