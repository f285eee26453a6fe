namespace Voting.Core.Counting;

/// <summary>What decided the order of two adjacent projects, with the figures a reason quotes.</summary>
internal sealed record ReasonFacts(
    string Ahead,
    string Behind,
    ReasonKind Kind,
    int GradeAhead,
    int GradeBehind,
    Int128 SetAside,
    MajorityGauge GaugeAhead,
    MajorityGauge GaugeBehind,
    long TotalAhead,
    long TotalBehind,
    long BehindExpressed,
    long Judges);
