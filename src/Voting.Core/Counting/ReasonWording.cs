using System.Globalization;
using Voting.Core.Grades;

namespace Voting.Core.Counting;

/// <summary>The sentence that explains a <see cref="ReasonFacts"/>, in the words of a resident's language.</summary>
internal static class ReasonWording
{
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr", "es"];

    public static string Write(ReasonFacts f, GradeScale scale, string language)
    {
        string L(int grade) => "«" + scale.Label(grade, language) + "»";
        var (a, b, ga) = (f.Ahead, f.Behind, f.GaugeAhead);
        FormattableString text = (f.Kind, language) switch
        {
            (ReasonKind.Participation, "fr") => $"{b} n'a été évalué que par {f.BehindExpressed} votants sur {f.Judges}, sous le seuil de participation ; {a} l'a été par assez de votants.",
            (ReasonKind.Participation, "es") => $"{b} solo fue evaluado por {f.BehindExpressed} de {f.Judges} votantes, por debajo del umbral de participación; {a} lo fue por suficientes.",
            (ReasonKind.Participation, _) => $"{b} was graded by {f.BehindExpressed} of {f.Judges} judges, below the participation threshold; {a} was graded by enough.",

            (ReasonKind.Tie, "fr") => $"{a} et {b} ont reçu les mêmes mentions dans les mêmes proportions : ils partagent leur rang.",
            (ReasonKind.Tie, "es") => $"{a} y {b} recibieron las mismas menciones en las mismas proporciones: comparten su puesto.",
            (ReasonKind.Tie, _) => $"{a} and {b} received the same judgments in the same proportions: they share their rank.",

            (ReasonKind.MajorityGrade, "fr") when f.GradeBehind < 0 => $"{b} n'a reçu aucune mention.",
            (ReasonKind.MajorityGrade, "es") when f.GradeBehind < 0 => $"{b} no recibió ninguna mención.",
            (ReasonKind.MajorityGrade, _) when f.GradeBehind < 0 => $"{b} received no judgment.",
            (ReasonKind.MajorityGrade, "fr") => $"La mention majoritaire de {a} est {L(f.GradeAhead)}, celle de {b} est {L(f.GradeBehind)}.",
            (ReasonKind.MajorityGrade, "es") => $"La mención mayoritaria de {a} es {L(f.GradeAhead)}, la de {b} es {L(f.GradeBehind)}.",
            (ReasonKind.MajorityGrade, _) => $"{a}'s majority grade is {L(f.GradeAhead)}, {b}'s is {L(f.GradeBehind)}.",

            (ReasonKind.Gauge, _) => Gauge(f, L(ga.Grade), language),

            (ReasonKind.Deeper, "fr") => $"Tous deux ont la mention majoritaire {L(ga.Grade)} et la même part décisive de mentions au-dessus ou en dessous ; une fois écartées les {f.SetAside} mentions centrales qu'ils partagent, la médiane de {a} est {L(f.GradeAhead)} et celle de {b} est {L(f.GradeBehind)}.",
            (ReasonKind.Deeper, "es") => $"Ambos tienen la mención mayoritaria {L(ga.Grade)} y la misma proporción decisiva de menciones por encima o por debajo; apartadas las {f.SetAside} menciones centrales que comparten, la mediana de {a} es {L(f.GradeAhead)} y la de {b} es {L(f.GradeBehind)}.",
            _ => $"Both have majority grade {L(ga.Grade)} and the same deciding share of judgments above or below it; once the {f.SetAside} middle judgments they share are set aside, {a}'s median is {L(f.GradeAhead)} and {b}'s is {L(f.GradeBehind)}.",
        };
        return text.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Same majority grade: more of the ahead project's judgments above it, or fewer below.</summary>
    private static FormattableString Gauge(ReasonFacts f, string grade, string language)
    {
        var (a, b) = (f.Ahead, f.Behind);
        var (ga, gb) = (f.GaugeAhead, f.GaugeBehind);
        bool aUp = ga.Above > ga.Below, bUp = gb.Above > gb.Below;
        return (aUp, bUp, language) switch
        {
            (true, true, "fr") => $"Tous deux ont la mention majoritaire {grade} ; {a} a une plus grande part de mentions au-dessus ({ga.Above} sur {f.TotalAhead}) que {b} ({gb.Above} sur {f.TotalBehind}).",
            (true, true, "es") => $"Ambos tienen la mención mayoritaria {grade}; {a} tiene una mayor proporción de menciones por encima ({ga.Above} de {f.TotalAhead}) que {b} ({gb.Above} de {f.TotalBehind}).",
            (true, true, _) => $"Both have majority grade {grade}; {a} has a larger share of judgments above it ({ga.Above} of {f.TotalAhead}) than {b} ({gb.Above} of {f.TotalBehind}).",
            (false, false, "fr") => $"Tous deux ont la mention majoritaire {grade} ; {a} a une plus petite part de mentions en dessous ({ga.Below} sur {f.TotalAhead}) que {b} ({gb.Below} sur {f.TotalBehind}).",
            (false, false, "es") => $"Ambos tienen la mención mayoritaria {grade}; {a} tiene una menor proporción de menciones por debajo ({ga.Below} de {f.TotalAhead}) que {b} ({gb.Below} de {f.TotalBehind}).",
            (false, false, _) => $"Both have majority grade {grade}; {a} has a smaller share of judgments below it ({ga.Below} of {f.TotalAhead}) than {b} ({gb.Below} of {f.TotalBehind}).",
            (_, _, "fr") => $"Tous deux ont la mention majoritaire {grade} ; {a} a plus de mentions au-dessus qu'en dessous ({ga.Above} contre {ga.Below}), pas {b} ({gb.Above} contre {gb.Below}).",
            (_, _, "es") => $"Ambos tienen la mención mayoritaria {grade}; {a} tiene más menciones por encima que por debajo ({ga.Above} frente a {ga.Below}), {b} no ({gb.Above} frente a {gb.Below}).",
            _ => $"Both have majority grade {grade}; {a} has more judgments above it than below ({ga.Above} against {ga.Below}), {b} does not ({gb.Above} against {gb.Below}).",
        };
    }
}
