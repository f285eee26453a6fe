using Voting.Core.Grades;

namespace Voting.Core.Counting;

/// <summary>
/// Why <see cref="Ahead"/> is listed right before <see cref="Behind"/>. <see cref="GradeAhead"/> and
/// <see cref="GradeBehind"/> are the medians where the two first differ, after <see cref="SetAside"/>
/// judgments (in the common scale of the comparison) were set aside in each. The words are written when
/// first asked for: ranking many projects does not pay for sentences nobody reads.
/// </summary>
public sealed class RankingReason
{
    private readonly ReasonFacts _facts;
    private readonly GradeScale _scale;
    private IReadOnlyDictionary<string, string>? _texts;

    internal RankingReason(ReasonFacts facts, GradeScale scale)
    {
        _facts = facts;
        _scale = scale;
    }

    public string Ahead => _facts.Ahead;

    public string Behind => _facts.Behind;

    public ReasonKind Kind => _facts.Kind;

    public int GradeAhead => _facts.GradeAhead;

    public int GradeBehind => _facts.GradeBehind;

    public Int128 SetAside => _facts.SetAside;

    /// <summary>The reason in words, keyed by language ("en", "fr", "es").</summary>
    public IReadOnlyDictionary<string, string> Texts =>
        _texts ??= ReasonWording.Languages.ToDictionary(language => language, language => ReasonWording.Write(_facts, _scale, language));

    /// <summary>The reason in English.</summary>
    public string Text => Texts["en"];
}
