using System.Text.Json;
using Voting.Core.Counting;

namespace Voting.Core.Results;

/// <summary>
/// The count of an election as the live results, <c>results.json</c> and the auditors' recount all publish it.
/// <see cref="Version"/> is the number of ballot events the count reflects; <see cref="Ballots"/> counts voters with a ballot.
/// </summary>
public sealed record ElectionResults(
    string Election,
    long Version,
    long Ballots,
    string Balancing,
    IReadOnlyList<EnvelopeResults> Envelopes);

public sealed record EnvelopeResults(
    string Id,
    long Judges,
    IReadOnlyList<ProjectResult> Ranking,
    IReadOnlyList<ReasonResult> Reasons,
    AllocationSummary? Allocation);

/// <summary>A project's place. <see cref="Profile"/> is the profile the ranking used, missing judgments included as the policy says.</summary>
public sealed record ProjectResult(
    string Project,
    int Rank,
    int MajorityGrade,
    long[] Profile,
    long Expressed,
    GaugeResult Gauge,
    bool MeetsThreshold);

public sealed record GaugeResult(int Grade, long Above, long Below)
{
    public static GaugeResult From(MajorityGauge gauge) => new(gauge.Grade, gauge.Above, gauge.Below);
}

/// <summary>Why <see cref="Ahead"/> is ranked right before <see cref="Behind"/>: <see cref="Text"/> in English, <see cref="Texts"/> by language.</summary>
public sealed record ReasonResult(string Ahead, string Behind, string Kind, string Text, IReadOnlyDictionary<string, string> Texts)
{
    public static ReasonResult From(RankingReason reason) =>
        new(reason.Ahead, reason.Behind, JsonNamingPolicy.CamelCase.ConvertName(reason.Kind.ToString()), reason.Text, reason.Texts);
}

public sealed record AllocationSummary(
    string Rule,
    long Budget,
    IReadOnlyList<string> Selected,
    long Cost,
    IReadOnlyList<AllocationDecision> Projects);

public sealed record AllocationDecision(string Id, bool Funded, string Reason);
