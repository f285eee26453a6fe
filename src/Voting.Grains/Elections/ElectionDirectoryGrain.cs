using Voting.Grains.Interfaces;
using Voting.Grains.Storage;

namespace Voting.Grains.Elections;

/// <summary>Lists every election: the ids that have a stored definition (singleton, key 0).</summary>
public sealed class ElectionDirectoryGrain(IDocumentStore documents) : Grain, IElectionDirectoryGrain
{
    private readonly SortedSet<string> _ids = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await foreach (var id in documents.ListKeysAsync(StoreNames.Definitions, cancellationToken: cancellationToken))
            _ids.Add(id);
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>(_ids.ToArray());

    public Task Add(string electionId)
    {
        _ids.Add(electionId);
        return Task.CompletedTask;
    }
}
