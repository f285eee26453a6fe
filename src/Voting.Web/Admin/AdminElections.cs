using Voting.Core.Elections;
using Voting.Core.Trail;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;

namespace Voting.Web.Admin;

/// <summary>The administrators' actions on elections, as the grain calls the API makes for them; the grain records each in the election's audit trail.</summary>
public sealed class AdminElections(IGrainFactory grains)
{
    public async Task<Outcome<ElectionInfo>> Create(ElectionDefinition definition, Actor actor)
    {
        if (!DefinitionErrors.IsValidId(definition.Id)) // no grain has such a key: name every problem here, as the API does
            return Outcome<ElectionInfo>.Fail(Failure.Invalid, "invalid definition", DefinitionErrors.Of(definition));
        return await Election(definition.Id).Create(definition, actor);
    }

    public Task<Outcome<IReadOnlyDictionary<string, string>>> ImportVoters(string id, IReadOnlyList<VoterImport> voters, Actor actor) =>
        Election(id).ImportVoters(voters, actor);

    public Task<Outcome<ElectionInfo>> Open(string id, Actor actor) => Election(id).Open(actor);

    public Task<Outcome<ElectionInfo>> Close(string id, Actor actor) => Election(id).Close(actor);

    /// <summary>The election's audit trail: who did what, when, from where.</summary>
    public async Task<IReadOnlyList<TrailEntry>> Trail(string id) => await Election(id).Trail() ?? [];

    private IElectionGrain Election(string id) => grains.GetGrain<IElectionGrain>(id);
}
