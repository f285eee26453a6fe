using Microsoft.AspNetCore.Components;
using Voting.Grains.Contracts;

namespace Voting.Web.Pages;

/// <summary>A page of one election (<c>/elections/{Id}/...</c>): the election is read first; an unknown one is a 404.</summary>
public abstract class ElectionPageBase : ComponentBase
{
    [Parameter]
    public string Id { get; set; } = "";

    [Inject]
    protected PublicElections Elections { get; private set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; private set; } = default!;

    /// <summary>Null until read, and for an unknown election.</summary>
    protected ElectionInfo? Election { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        Election = await Elections.Find(Id);
        if (Election is null)
            Navigation.NotFound();
        else
            await OnElectionAsync(Election);
    }

    /// <summary>What the page reads once it has the election.</summary>
    protected virtual Task OnElectionAsync(ElectionInfo election) => Task.CompletedTask;
}
