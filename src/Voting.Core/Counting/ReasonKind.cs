namespace Voting.Core.Counting;

/// <summary>What decided the order of two adjacent projects in a ranking.</summary>
public enum ReasonKind
{
    /// <summary>Their majority grades differ.</summary>
    MajorityGrade,

    /// <summary>Same majority grade; the judgments above or below it decide.</summary>
    Gauge,

    /// <summary>Same majority gauge; their medians differ once the judgments they share around the middle are set aside.</summary>
    Deeper,

    /// <summary>One project was graded by too few judges.</summary>
    Participation,

    /// <summary>Identical profiles: the projects share a rank.</summary>
    Tie,
}
