namespace Voting.Core.Counting;

/// <summary>
/// What decided the order of two adjacent projects: the medians where they first differ, after
/// <see cref="SetAside"/> judgments were set aside in each.
/// </summary>
internal readonly record struct ReasonFacts(ReasonKind Kind, int GradeAhead, int GradeBehind, Int128 SetAside);
