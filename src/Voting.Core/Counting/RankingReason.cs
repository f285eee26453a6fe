using System.Buffers;

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
    private readonly ReasonWording _wording;
    private IReadOnlyDictionary<string, string>? _texts;

    internal RankingReason(RankedProject ahead, RankedProject behind, ReasonFacts facts, long judges, ReasonWording wording)
    {
        AheadProject = ahead;
        BehindProject = behind;
        _facts = facts;
        Judges = judges;
        _wording = wording;
    }

    /// <summary>The languages of <see cref="Texts"/>, in its order.</summary>
    public static IReadOnlyList<string> Languages => ReasonWording.Languages;

    public string Ahead => AheadProject.Id;

    public string Behind => BehindProject.Id;

    public ReasonKind Kind => _facts.Kind;

    public int GradeAhead => _facts.GradeAhead;

    public int GradeBehind => _facts.GradeBehind;

    public Int128 SetAside => _facts.SetAside;

    internal RankedProject AheadProject { get; }

    internal RankedProject BehindProject { get; }

    /// <summary>The number of judges of the ranking, which a participation reason quotes.</summary>
    internal long Judges { get; }

    /// <summary>The reason in words, keyed by language ("en", "fr", "es").</summary>
    public IReadOnlyDictionary<string, string> Texts =>
        _texts ??= Enumerable.Range(0, Languages.Count).ToDictionary(i => Languages[i], i => _wording.Write(this, i));

    /// <summary>The reason in English.</summary>
    public string Text => Texts["en"];

    /// <summary>Writes <see cref="Texts"/>[<paramref name="language"/>] as the results' JSON writes it between the quotes.</summary>
    public void WriteJsonText(string language, IBufferWriter<byte> utf8) => _wording.Write(this, ReasonWording.IndexOf(language), utf8, json: true);
}
