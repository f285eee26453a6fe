using Voting.Core.Elections;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;

namespace Voting.Web.Admin;

/// <summary>The administrators' actions on elections, as the grain calls the API makes for them.</summary>
public sealed class AdminElections(IGrainFactory grains)
{
    public async Task<Outcome<ElectionInfo>> Create(ElectionDefinition definition)
    {
        if (!DefinitionErrors.IsValidId(definition.Id)) // no grain has such a key: name every problem here, as the API does
            return Outcome<ElectionInfo>.Fail(Failure.Invalid, "invalid definition", DefinitionErrors.Of(definition));
        return await Election(definition.Id).Create(definition);
    }

    public Task<Outcome<IReadOnlyDictionary<string, string>>> ImportVoters(string id, IReadOnlyList<VoterImport> voters) =>
        Election(id).ImportVoters(voters);

    public Task<Outcome<ElectionInfo>> Open(string id) => Election(id).Open();

    public Task<Outcome<ElectionInfo>> Close(string id) => Election(id).Close();

    private IElectionGrain Election(string id) => grains.GetGrain<IElectionGrain>(id);
}
