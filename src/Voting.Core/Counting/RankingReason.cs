namespace Voting.Core.Counting;

/// <summary>
/// Why <see cref="Ahead"/> is listed right before <see cref="Behind"/>. <see cref="GradeAhead"/> and
/// <see cref="GradeBehind"/> are the medians where the two first differ, after <see cref="SetAside"/>
/// judgments (in the common scale of the comparison) were set aside in each. <see cref="Texts"/> says it
/// in words, keyed by language ("en", "fr", "es").
/// </summary>
public sealed record RankingReason(
    string Ahead,
    string Behind,
    ReasonKind Kind,
    int GradeAhead,
    int GradeBehind,
    Int128 SetAside,
    IReadOnlyDictionary<string, string> Texts)
{
    /// <summary>The reason in English.</summary>
    public string Text => Texts["en"];
}
