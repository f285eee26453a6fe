using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Voting.Grains.Contracts;

namespace Voting.Web.Pages;

/// <summary>A page of one election (<c>/elections/{Id}/...</c>): the election is read first; an unknown one, or a draft for anyone but an official, is a 404.</summary>
public abstract class ElectionPageBase : ComponentBase
{
    [Parameter]
    public string Id { get; set; } = "";

    [Inject]
    protected PublicElections Elections { get; private set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; private set; } = default!;

    [CascadingParameter]
    protected HttpContext HttpContext { get; set; } = default!;

    /// <summary>
    /// Whether a draft shows to everyone here, not only to officials: the ballot page, where a resident who already
    /// holds an invitation learns that the vote has not opened yet.
    /// </summary>
    protected virtual bool ShowsDrafts => false;

    /// <summary>Null until read, and for an unknown election.</summary>
    protected ElectionInfo? Election { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        Election = ShowsDrafts ? await Elections.Find(Id) : await Elections.Find(Id, HttpContext);
        if (Election is null)
            Navigation.NotFound();
        else
            await OnElectionAsync(Election);
    }

    /// <summary>What the page reads once it has the election.</summary>
    protected virtual Task OnElectionAsync(ElectionInfo election) => Task.CompletedTask;
}
