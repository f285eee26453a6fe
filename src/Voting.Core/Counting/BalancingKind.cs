namespace Voting.Core.Counting;

/// <summary>How missing judgments count, so that every project is judged by the same number of judges.</summary>
public enum BalancingKind
{
    /// <summary>Each missing judgment counts as a fixed grade.</summary>
    Static,

    /// <summary>Each missing judgment counts as the project's own lower median of its expressed grades.</summary>
    Median,

    /// <summary>Profiles are compared as shares of their own totals.</summary>
    Normalize,
}
