using Microsoft.AspNetCore.SignalR;
using Voting.Core.Elections;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;

namespace Voting.Web;

/// <summary>
/// Live results at <c>/hubs/results</c>: a client calls <c>JoinElection(id)</c> (officials while the vote is open,
/// with their token as bearer or <c>access_token</c>; anyone once it is closed) and then receives <c>results</c>
/// messages carrying the election's results snapshot, the first one right away.
/// </summary>
public sealed class ResultsHub(IGrainFactory grains, AdminToken adminToken, ResultsObserver observer) : Hub
{
    public const string Path = "/hubs/results";
    public const string ResultsMessage = "results";

    public static string Group(string electionId) => "election-" + electionId;

    public async Task JoinElection(string electionId)
    {
        if (!DefinitionErrors.IsValidId(electionId))
            throw new HubException($"unknown election '{electionId}'");
        var grain = grains.GetGrain<IElectionGrain>(electionId);
        var info = await grain.Get() ?? throw new HubException($"unknown election '{electionId}'");
        if (info.Status != ElectionStatus.Closed)
        {
            var http = Context.GetHttpContext();
            var official = http is not null && adminToken.Matches(Bearer.FromHeaderOrQuery(http.Request));
            if (!official)
                throw new HubException($"the results of '{electionId}' are published when the vote closes; officials see them live with their token");
        }
        await observer.Track(electionId);
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(electionId));
        var results = await grain.Results() ?? Api.EmptyResults(info.Definition);
        await Clients.Caller.SendAsync(ResultsMessage, results);
    }

    public Task LeaveElection(string electionId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(electionId));
}
