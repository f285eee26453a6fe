namespace Voting.Core.Counting;

/// <summary>
/// The first point where two majority values differ: after <see cref="Step"/> judgments set aside in both,
/// the medians are <see cref="GradeA"/> and <see cref="GradeB"/> (-1 for a profile with no judgment).
/// <see cref="Step"/> counts judgments in the common scale the two profiles were compared in.
/// </summary>
public readonly record struct MajorityDifference(Int128 Step, int GradeA, int GradeB);
