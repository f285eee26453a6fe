using Voting.Core.Allocation;
using Voting.Core.Counting;
using Voting.Core.Elections;

namespace Voting.Core.Results;

/// <summary>Counts an election from its tallies: ranking, reasons and budget allocation per envelope.</summary>
public static class ElectionCount
{
    /// <param name="version">The number of ballot events the tallies reflect.</param>
    /// <param name="ballotsOf">The counted ballots of an envelope, needed only by the equal-shares rules.</param>
    public static ElectionResults Count(
        ElectionTally tally,
        long version,
        Func<string, IEnumerable<IReadOnlyDictionary<string, int>>>? ballotsOf = null) =>
        Count(tally, version, ballotsOf is null ? null : envelope => GradedBallots.ToApproval(ballotsOf(envelope), tally.Definition.Grades.Count));

    /// <param name="version">The number of ballot events the tallies reflect.</param>
    /// <param name="approvalsOf">The counted ballots of an envelope as approvals, needed only by the equal-shares rules.</param>
    public static ElectionResults Count(ElectionTally tally, long version, Func<string, IReadOnlyList<AllocationBallot>>? approvalsOf)
    {
        var definition = tally.Definition;
        var policy = definition.BalancingPolicy;
        var envelopes = definition.Envelopes.Select(envelope =>
        {
            var envelopeTally = tally[envelope.Id];
            var ranking = MajorityRanking.Rank(
                envelopeTally.Projects.Select((id, i) => new ProjectTally(id, envelopeTally.Profile(i).ToArray())).ToArray(),
                policy, envelopeTally.Ballots, definition.ParticipationThreshold, definition.Scale);
            var allocation = definition.Kind == ElectionKind.Budget
                ? EnvelopeAllocation.Allocate(definition, envelope, ranking, approvalsOf is null ? null : () => approvalsOf(envelope.Id))
                : null;
            return new EnvelopeResults(
                envelope.Id,
                envelopeTally.Ballots,
                ranking.Projects.Select(p => new ProjectResult(
                    p.Id, p.Rank, p.MajorityGrade, p.Profile, p.Expressed,
                    GaugeResult.From(p.Gauge), p.MeetsThreshold)).ToArray(),
                ranking.Reasons.Select(ReasonResult.From).ToArray(),
                allocation);
        }).ToArray();
        return new ElectionResults(definition.Id, version, tally.Voters, policy.ToString(), envelopes);
    }
}
