namespace Voting.Core.Counting;

/// <summary>
/// A project's place in a ranking. <see cref="Profile"/> is the profile the ranking used (missing judgments
/// included as the balancing policy says); <see cref="Expressed"/> counts the judgments actually given.
/// </summary>
public sealed record RankedProject(
    string Id,
    int Rank,
    int MajorityGrade,
    MajorityGauge Gauge,
    long[] Profile,
    long Expressed,
    bool MeetsThreshold);
