using System.Text.Json.Serialization;
using Voting.Core.Elections;
using Voting.Core.Grades;
using Voting.Grains.Contracts;

namespace Voting.Web;

/// <summary>
/// Every 4xx/5xx body as the API document describes it (built by <see cref="ApiProblems"/>): an RFC 9457 problem whose
/// <c>error</c> is a reason a person can read, and for a request with several problems <c>errors</c> by path.
/// </summary>
public sealed record ApiError(string? Type, string Title, int Status, string Detail, string Error, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>An election as <c>GET /api/elections/{id}</c> shows it: its id, where it stands and its definition.</summary>
public sealed record ElectionView(string Id, ElectionStatus Status, long RegisteredVoters, ElectionDefinition Definition)
{
    public static ElectionView Of(ElectionInfo info) => new(info.Definition.Id, info.Status, info.RegisteredVoters, info.Definition);
}

/// <summary>One row of <c>GET /api/elections</c>.</summary>
public sealed record ElectionSummary(string Id, LocalizedText Title, ElectionKind Kind, ElectionStatus Status, long RegisteredVoters)
{
    public static ElectionSummary Of(ElectionInfo info) =>
        new(info.Definition.Id, info.Definition.Title, info.Definition.Kind, info.Status, info.RegisteredVoters);
}

/// <summary>The body of <c>POST /api/elections/{id}/voters</c>.</summary>
public sealed record VoterImportRequest(IReadOnlyList<VoterRow>? Voters);

/// <summary>A voter on the roll: the official's id for them, and the envelopes they may vote in (all of the election's when omitted).</summary>
public sealed record VoterRow(string? Id, IReadOnlyList<string>? Envelopes);

/// <summary>The invitation codes, by voter id, returned once.</summary>
public sealed record VoterImportResponse(IReadOnlyDictionary<string, string> Codes);

/// <summary>The body of <c>POST /api/elections/{id}/ballots</c>: a grade index (0 the worst) per project.</summary>
public sealed record BallotRequest(
    [property: JsonNumberHandling(JsonNumberHandling.Strict)] IReadOnlyDictionary<string, int>? Grades);

public sealed record BallotResponse(string Receipt, long Revision);

/// <summary>A resident's ballot as it counts (<c>GET /api/elections/{id}/ballot</c>): the grade index per project of their last cast, its receipt and revision.</summary>
public sealed record BallotView(string Receipt, long Revision, IReadOnlyDictionary<string, int> Grades);

/// <summary>Whether a receipt's ballot is counted or was replaced by a later revision; never its grades.</summary>
public sealed record ReceiptView(string Receipt, string Status, IReadOnlyList<string> Envelopes);

public sealed record LoginResponse(string Role);
