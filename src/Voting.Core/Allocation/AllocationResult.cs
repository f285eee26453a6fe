namespace Voting.Core.Allocation;

/// <summary>Why a project was or was not funded.</summary>
public enum DecisionKind
{
    /// <summary>Funded by the rule itself.</summary>
    Funded,

    /// <summary>Funded by the completion step (greedy, with the budget Equal Shares left).</summary>
    FundedByCompletion,

    /// <summary>Costs more than what was left when its turn came.</summary>
    DoesNotFit,

    /// <summary>greedy-no-skip: comes after the first project that did not fit.</summary>
    AfterStop,

    /// <summary>Its score is below the threshold.</summary>
    BelowThreshold,

    /// <summary>Kept out by the caller (<see cref="AllocationCandidate.Eligible"/> false).</summary>
    NotEligible,

    /// <summary>Equal Shares: its supporters could no longer pay for it.</summary>
    SharesRanOut,

    /// <summary>Equal Shares: no voter supports it.</summary>
    NoSupporters,

    /// <summary>Comparison step: the other outcome was kept and it is not part of it.</summary>
    NotInPreferredOutcome,
}

/// <summary>The decision about one project and the reason in plain words.</summary>
public sealed record ProjectDecision(string Id, long Cost, bool Funded, DecisionKind Kind, string Reason);

/// <summary>
/// An allocation: the funded projects in the order they were funded, their total cost, and for every
/// candidate (in the order given) the decision and its reason. <see cref="Notes"/> tells how the outcome was
/// reached (per-voter budget Equal Shares ended with, the comparison's counts...).
/// </summary>
public sealed record AllocationResult(
    string Rule,
    long Budget,
    IReadOnlyList<string> Selected,
    long Cost,
    IReadOnlyList<ProjectDecision> Projects,
    IReadOnlyList<string> Notes)
{
    public long Left => Budget - Cost;

    public ProjectDecision? Decision(string projectId) => Projects.FirstOrDefault(p => p.Id == projectId);
}
