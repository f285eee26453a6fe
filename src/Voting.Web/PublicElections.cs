using Voting.Core.Elections;
using Voting.Core.Results;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;

namespace Voting.Web;

/// <summary>What the residents' pages read of the elections, from the grains as the API does.</summary>
public sealed class PublicElections(IGrainFactory grains)
{
    public async Task<IReadOnlyList<ElectionInfo>> List()
    {
        var ids = await grains.GetGrain<IElectionDirectoryGrain>(0).List();
        var infos = await Task.WhenAll(ids.Select(id => grains.GetGrain<IElectionGrain>(id).Get()));
        return infos.OfType<ElectionInfo>().ToArray();
    }

    /// <summary>The election, or null for an unknown or malformed id.</summary>
    public async Task<ElectionInfo?> Find(string id) =>
        DefinitionErrors.IsValidId(id) ? await grains.GetGrain<IElectionGrain>(id).Get() : null;

    /// <summary>The count, published once the vote is closed (null before).</summary>
    public async Task<ElectionResults?> Results(ElectionInfo info)
    {
        if (info.Status != ElectionStatus.Closed)
            return null;
        return await grains.GetGrain<IElectionGrain>(info.Definition.Id).Results() ?? Api.EmptyResults(info.Definition);
    }

    public async Task<ReceiptAnswer> Check(string id, string receipt)
    {
        receipt = receipt.Trim();
        if (!DefinitionErrors.IsValidId(id) || receipt.Length is 0 or > 256)
            return ReceiptAnswer.Unknown;
        var outcome = await grains.GetGrain<IElectionGrain>(id).Receipt(receipt);
        return outcome is { Succeeded: true, Value: { } status }
            ? status.Counted ? ReceiptAnswer.Counted : ReceiptAnswer.Replaced
            : ReceiptAnswer.Unknown;
    }
}
