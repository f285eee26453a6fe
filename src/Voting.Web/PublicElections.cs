using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Voting.Core.Elections;
using Voting.Core.Results;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;

namespace Voting.Web;

/// <summary>
/// What the pages and the API show of the elections, from the grains. A draft (never opened) is shown to officials
/// only: to anyone else it does not exist.
/// </summary>
public sealed class PublicElections(IGrainFactory grains)
{
    /// <summary>The elections <paramref name="viewer"/>'s request may see.</summary>
    public async Task<IReadOnlyList<ElectionInfo>> List(HttpContext viewer)
    {
        var ids = await grains.GetGrain<IElectionDirectoryGrain>(0).List();
        var infos = await Task.WhenAll(ids.Select(id => grains.GetGrain<IElectionGrain>(id).Get()));
        var seesDrafts = await IsOfficial(viewer);
        return infos.OfType<ElectionInfo>().Where(info => Shows(info, seesDrafts)).ToArray();
    }

    /// <summary>The election, or null for an unknown or malformed id, and for a draft unless <paramref name="viewer"/> is an official.</summary>
    public async Task<ElectionInfo?> Find(string id, HttpContext viewer) =>
        await Find(id) is { } info && Shows(info, await IsOfficial(viewer)) ? info : null;

    /// <summary>The election whatever its status, or null for an unknown or malformed id.</summary>
    public async Task<ElectionInfo?> Find(string id) =>
        DefinitionErrors.IsValidId(id) ? await grains.GetGrain<IElectionGrain>(id).Get() : null;

    /// <summary>Whether the election shows to a viewer: a draft to officials only.</summary>
    public static bool Shows(ElectionInfo info, bool official) => official || info.Status != ElectionStatus.Draft;

    /// <summary>An official: the official token as bearer (the API), or an official signed in (the pages).</summary>
    public async Task<bool> IsOfficial(HttpContext viewer) =>
        (await viewer.AuthenticateAsync(OfficialBearer.SchemeName)).Succeeded || await OfficialCookie.Current(viewer) is not null;

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
