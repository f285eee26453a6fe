using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Voting.Core.Grades;
using Voting.Core.Json;

namespace Voting.Core.Counting;

/// <summary>
/// The sentence that explains a <see cref="RankingReason"/>, in the words of a resident's language. The sentences
/// are templates read once into UTF-8 pieces; one wording serves all the reasons of a ranking, with the scale's
/// labels encoded once. Each piece and label is also kept as the results' JSON escapes it, so that a sentence can be
/// written escaped without looking at its every byte again: escaping works character by character, and only the
/// ids differ from one reason to the next.
/// </summary>
internal sealed class ReasonWording
{
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr", "es"];

    private enum Sentence { Participation, Tie, NoJudgment, MajorityGrade, MoreAbove, FewerBelow, AboveNotBelow, Deeper }

    /// <summary>What fills a hole of a template; <see cref="Literal"/> is the template's own text, and the holes from <see cref="SetAside"/> on are numbers.</summary>
    private enum Hole { Literal, Ahead, Behind, Grade, GradeAhead, GradeBehind, SetAside, Expressed, Judges, AboveAhead, BelowAhead, TotalAhead, AboveBehind, BelowBehind, TotalBehind }

    /// <param name="Json">The text as the results' JSON escapes it.</param>
    private readonly record struct Piece(Hole Hole, byte[] Text, byte[] Json);

    private static string Template(Sentence sentence, string language) => (sentence, language) switch
    {
        (Sentence.Participation, "fr") => "{b} n'a été évalué que par {expressed} votants sur {judges}, sous le seuil de participation ; {a} l'a été par assez de votants.",
        (Sentence.Participation, "es") => "{b} solo fue evaluado por {expressed} de {judges} votantes, por debajo del umbral de participación; {a} lo fue por suficientes.",
        (Sentence.Participation, _) => "{b} was graded by {expressed} of {judges} judges, below the participation threshold; {a} was graded by enough.",

        (Sentence.Tie, "fr") => "{a} et {b} ont reçu les mêmes mentions dans les mêmes proportions : ils partagent leur rang.",
        (Sentence.Tie, "es") => "{a} y {b} recibieron las mismas menciones en las mismas proporciones: comparten su puesto.",
        (Sentence.Tie, _) => "{a} and {b} received the same judgments in the same proportions: they share their rank.",

        (Sentence.NoJudgment, "fr") => "{b} n'a reçu aucune mention.",
        (Sentence.NoJudgment, "es") => "{b} no recibió ninguna mención.",
        (Sentence.NoJudgment, _) => "{b} received no judgment.",

        (Sentence.MajorityGrade, "fr") => "La mention majoritaire de {a} est {gradeAhead}, celle de {b} est {gradeBehind}.",
        (Sentence.MajorityGrade, "es") => "La mención mayoritaria de {a} es {gradeAhead}, la de {b} es {gradeBehind}.",
        (Sentence.MajorityGrade, _) => "{a}'s majority grade is {gradeAhead}, {b}'s is {gradeBehind}.",

        // Same majority grade: more of the ahead project's judgments above it, or fewer below.
        (Sentence.MoreAbove, "fr") => "Tous deux ont la mention majoritaire {grade} ; {a} a une plus grande part de mentions au-dessus ({aboveAhead} sur {totalAhead}) que {b} ({aboveBehind} sur {totalBehind}).",
        (Sentence.MoreAbove, "es") => "Ambos tienen la mención mayoritaria {grade}; {a} tiene una mayor proporción de menciones por encima ({aboveAhead} de {totalAhead}) que {b} ({aboveBehind} de {totalBehind}).",
        (Sentence.MoreAbove, _) => "Both have majority grade {grade}; {a} has a larger share of judgments above it ({aboveAhead} of {totalAhead}) than {b} ({aboveBehind} of {totalBehind}).",
        (Sentence.FewerBelow, "fr") => "Tous deux ont la mention majoritaire {grade} ; {a} a une plus petite part de mentions en dessous ({belowAhead} sur {totalAhead}) que {b} ({belowBehind} sur {totalBehind}).",
        (Sentence.FewerBelow, "es") => "Ambos tienen la mención mayoritaria {grade}; {a} tiene una menor proporción de menciones por debajo ({belowAhead} de {totalAhead}) que {b} ({belowBehind} de {totalBehind}).",
        (Sentence.FewerBelow, _) => "Both have majority grade {grade}; {a} has a smaller share of judgments below it ({belowAhead} of {totalAhead}) than {b} ({belowBehind} of {totalBehind}).",
        (Sentence.AboveNotBelow, "fr") => "Tous deux ont la mention majoritaire {grade} ; {a} a plus de mentions au-dessus qu'en dessous ({aboveAhead} contre {belowAhead}), pas {b} ({aboveBehind} contre {belowBehind}).",
        (Sentence.AboveNotBelow, "es") => "Ambos tienen la mención mayoritaria {grade}; {a} tiene más menciones por encima que por debajo ({aboveAhead} frente a {belowAhead}), {b} no ({aboveBehind} frente a {belowBehind}).",
        (Sentence.AboveNotBelow, _) => "Both have majority grade {grade}; {a} has more judgments above it than below ({aboveAhead} against {belowAhead}), {b} does not ({aboveBehind} against {belowBehind}).",

        (Sentence.Deeper, "fr") => "Tous deux ont la mention majoritaire {grade} et la même part décisive de mentions au-dessus ou en dessous ; une fois écartées les {setAside} mentions centrales qu'ils partagent, la médiane de {a} est {gradeAhead} et celle de {b} est {gradeBehind}.",
        (Sentence.Deeper, "es") => "Ambos tienen la mención mayoritaria {grade} y la misma proporción decisiva de menciones por encima o por debajo; apartadas las {setAside} menciones centrales que comparten, la mediana de {a} es {gradeAhead} y la de {b} es {gradeBehind}.",
        _ => "Both have majority grade {grade} and the same deciding share of judgments above or below it; once the {setAside} middle judgments they share are set aside, {a}'s median is {gradeAhead} and {b}'s is {gradeBehind}.",
    };

    /// <summary>A template cut into pieces, with the number of holes of each sort.</summary>
    private sealed class Cuts(Piece[] pieces)
    {
        public Piece[] Pieces { get; } = pieces;
        public int Literals { get; } = pieces.Sum(piece => Math.Max(piece.Text.Length, piece.Json.Length));
        public int Ids { get; } = pieces.Count(piece => piece.Hole is Hole.Ahead or Hole.Behind);
        public int Labels { get; } = pieces.Count(piece => piece.Hole is Hole.Grade or Hole.GradeAhead or Hole.GradeBehind);
        public int Numbers { get; } = pieces.Count(piece => piece.Hole >= Hole.SetAside); // the holes from SetAside on
    }

    /// <summary>The bytes of the longest number, an Int128.</summary>
    private const int LongestNumber = 40;

    /// <summary>The templates cut into pieces, by language then sentence.</summary>
    private static readonly Cuts[][] Templates = Languages
        .Select(language => Enum.GetValues<Sentence>().Select(sentence => Cut(Template(sentence, language))).ToArray())
        .ToArray();

    /// <summary>Each grade's label in quotes, «label», in UTF-8, by language then grade.</summary>
    private readonly byte[][][] _labels;

    /// <summary><see cref="_labels"/> as the results' JSON escapes them.</summary>
    private readonly byte[][][] _jsonLabels;

    private readonly int[] _longestLabel;

    public ReasonWording(GradeScale scale, int grades)
    {
        _labels = Languages
            .Select(language => Enumerable.Range(0, grades).Select(grade => Encoding.UTF8.GetBytes("«" + scale.Label(grade, language) + "»")).ToArray())
            .ToArray();
        _jsonLabels = _labels.Select(labels => labels.Select(label => JsonEscaping.Escaped(label)).ToArray()).ToArray();
        _longestLabel = _jsonLabels.Select(labels => labels.Select(label => label.Length).DefaultIfEmpty().Max()).ToArray();
    }

    /// <summary>The index of <paramref name="language"/> in <see cref="Languages"/>.</summary>
    public static int IndexOf(string language)
    {
        for (int i = 0; i < Languages.Count; i++)
            if (Languages[i] == language) return i;
        throw new ArgumentException($"no wording in '{language}': expected one of {string.Join(", ", Languages)}", nameof(language));
    }

    public string Write(RankingReason reason, int language)
    {
        var utf8 = new ArrayBufferWriter<byte>(256);
        Write(reason, language, utf8);
        return Encoding.UTF8.GetString(utf8.WrittenSpan);
    }

    /// <param name="json">Whether to write the text as the results' JSON escapes it, without its quotes.</param>
    public void Write(RankingReason reason, int language, IBufferWriter<byte> utf8, bool json = false)
    {
        var (ahead, behind) = (reason.AheadProject, reason.BehindProject);
        var labels = json ? _jsonLabels[language] : _labels[language];
        var template = Templates[language][(int)SentenceOf(reason)];
        var room = utf8.GetSpan(template.Literals + template.Labels * _longestLabel[language] + template.Numbers * LongestNumber
            + template.Ids * JsonEscaping.MostBytesPerChar * Math.Max(ahead.Id.Length, behind.Id.Length));
        int at = 0;
        foreach (var piece in template.Pieces)
        {
            var rest = room[at..];
            at += piece.Hole switch
            {
                Hole.Literal => Copy(json ? piece.Json : piece.Text, rest),
                Hole.Ahead => Id(ahead.Id, rest, json),
                Hole.Behind => Id(behind.Id, rest, json),
                Hole.Grade => Copy(labels[ahead.Gauge.Grade], rest),
                Hole.GradeAhead => Copy(labels[reason.GradeAhead], rest),
                Hole.GradeBehind => Copy(labels[reason.GradeBehind], rest),
                Hole.SetAside => Format(reason.SetAside, rest),
                Hole.Expressed => Format(behind.Expressed, rest),
                Hole.Judges => Format(reason.Judges, rest),
                Hole.AboveAhead => Format(ahead.Gauge.Above, rest),
                Hole.BelowAhead => Format(ahead.Gauge.Below, rest),
                Hole.TotalAhead => Format(MajorityValue.Total(ahead.Profile), rest),
                Hole.AboveBehind => Format(behind.Gauge.Above, rest),
                Hole.BelowBehind => Format(behind.Gauge.Below, rest),
                Hole.TotalBehind => Format(MajorityValue.Total(behind.Profile), rest),
                _ => throw new UnreachableException(),
            };
        }
        utf8.Advance(at);
    }

    private static Sentence SentenceOf(RankingReason reason) => reason.Kind switch
    {
        ReasonKind.Participation => Sentence.Participation,
        ReasonKind.Tie => Sentence.Tie,
        ReasonKind.MajorityGrade => reason.GradeBehind < 0 ? Sentence.NoJudgment : Sentence.MajorityGrade,
        ReasonKind.Gauge => (MoreAbove(reason.AheadProject.Gauge), MoreAbove(reason.BehindProject.Gauge)) switch
        {
            (true, true) => Sentence.MoreAbove,
            (false, false) => Sentence.FewerBelow,
            _ => Sentence.AboveNotBelow,
        },
        _ => Sentence.Deeper,
    };

    private static bool MoreAbove(MajorityGauge gauge) => gauge.Above > gauge.Below;

    private static int Copy(byte[] bytes, Span<byte> destination)
    {
        bytes.CopyTo(destination);
        return bytes.Length;
    }

    private static int Id(string id, Span<byte> destination, bool json) =>
        json ? JsonEscaping.Write(id, destination) : Encoding.UTF8.GetBytes(id, destination);

    private static int Format<T>(T number, Span<byte> destination)
        where T : IUtf8SpanFormattable
    {
        number.TryFormat(destination, out int written, default, CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>Cuts "text {hole} text" into pieces.</summary>
    private static Cuts Cut(string template)
    {
        var pieces = new List<Piece>();
        int at = 0;
        while (at < template.Length)
        {
            int open = template.IndexOf('{', at);
            if (open < 0) open = template.Length;
            if (open > at)
            {
                var text = Encoding.UTF8.GetBytes(template[at..open]);
                pieces.Add(new Piece(Hole.Literal, text, JsonEscaping.Escaped(text)));
            }
            if (open == template.Length) break;
            int close = template.IndexOf('}', open);
            pieces.Add(new Piece(HoleNamed(template[(open + 1)..close]), [], []));
            at = close + 1;
        }
        return new Cuts(pieces.ToArray());
    }

    private static Hole HoleNamed(string name) => name switch
    {
        "a" => Hole.Ahead,
        "b" => Hole.Behind,
        _ => Enum.Parse<Hole>(name, ignoreCase: true),
    };
}
