using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Voting.Core.Elections;
using Voting.Core.Text;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;

namespace Voting.Web;

/// <summary>
/// Live results at <c>/hubs/results</c>: a client calls <c>JoinElection(id)</c> and then receives <c>results</c>
/// messages: right away the last snapshot published (none yet if the results grain has none to give), then each one
/// published. Who may join is <see cref="LiveResultsAccess"/>: anyone once the vote is closed, before that an official
/// signed in with the officials' cookie (browsers) or sending the official token as <c>Authorization: Bearer</c>
/// (scripts), never a token in the URL. While the vote is open a snapshot is published only once enough ballots were
/// cast since the one before (<c>Voting:LiveResults:MinBallots</c>); at close, the final count.
/// </summary>
public sealed class ResultsHub(IGrainFactory grains, IAuthorizationService authorization, ResultsObserver observer) : Hub
{
    public const string Path = "/hubs/results";
    public const string ResultsMessage = "results";

    public static string Group(string electionId) => "election-" + electionId;

    /// <summary>
    /// Maps the hub. Anyone may connect; the policy's schemes authenticate an official's cookie or bearer token when one
    /// is sent (the connection's user), and <see cref="JoinElection"/> decides per election.
    /// </summary>
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapHub<ResultsHub>(Path).RequireAuthorization(LiveResultsAccess.Policy).AllowAnonymous();

    public async Task JoinElection(string electionId)
    {
        var unknown = new HubException($"unknown election '{Excerpt.Of(electionId)}'");
        if (!DefinitionErrors.IsValidId(electionId))
            throw unknown;
        var election = grains.GetGrain<IElectionGrain>(electionId);
        var info = await election.Get() ?? throw unknown;
        if (!(await authorization.AuthorizeAsync(Context.User ?? new(), info, LiveResultsAccess.Policy)).Succeeded)
            throw info.Status == ElectionStatus.Draft
                ? unknown // a draft is shown to officials only
                : new HubException($"the results of '{Excerpt.Of(electionId)}' are published when the vote closes; signed-in officials see them live");
        await observer.Track(electionId);
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(electionId));
        // A status, once closed, stays closed: the final count then.
        var results = info.Status == ElectionStatus.Closed ? await election.Results() : await grains.GetGrain<IResultsGrain>(electionId).Latest();
        if (results is not null)
            await Clients.Caller.SendAsync(ResultsMessage, results);
    }

    public Task LeaveElection(string electionId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(electionId));
}
