using Microsoft.AspNetCore.SignalR;
using Voting.Core.Elections;
using Voting.Core.Text;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;

namespace Voting.Web;

/// <summary>
/// Live results at <c>/hubs/results</c>: a client calls <c>JoinElection(id)</c> (officials while the vote is open,
/// with their token as bearer or <c>access_token</c>; anyone once it is closed) and then receives <c>results</c>
/// messages: right away the last snapshot published (none yet if the results grain has none to give), then each one
/// published. While the vote is open a snapshot is published only once enough ballots were cast since the one
/// before (<c>Voting:LiveResults:MinBallots</c>); at close, the final count.
/// </summary>
public sealed class ResultsHub(IGrainFactory grains, AdminToken adminToken, ResultsObserver observer) : Hub
{
    public const string Path = "/hubs/results";
    public const string ResultsMessage = "results";

    public static string Group(string electionId) => "election-" + electionId;

    public async Task JoinElection(string electionId)
    {
        var unknown = new HubException($"unknown election '{Excerpt.Of(electionId)}'");
        if (!DefinitionErrors.IsValidId(electionId))
            throw unknown;
        var election = grains.GetGrain<IElectionGrain>(electionId);
        var info = await election.Get() ?? throw unknown;
        if (!PublicElections.Shows(info, IsOfficial()))
            throw unknown;
        // A status, once closed, stays closed: before that, only an official joins.
        bool closed = info.Status == ElectionStatus.Closed;
        if (!closed && !IsOfficial())
            throw new HubException($"the results of '{electionId}' are published when the vote closes; officials see them live with their token");
        await observer.Track(electionId);
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(electionId));
        var results = closed ? await election.Results() : await grains.GetGrain<IResultsGrain>(electionId).Latest();
        if (results is not null)
            await Clients.Caller.SendAsync(ResultsMessage, results);
    }

    public Task LeaveElection(string electionId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(electionId));

    private bool IsOfficial() => Context.GetHttpContext() is { } http && adminToken.Matches(Bearer.FromHeaderOrQuery(http.Request));
}
