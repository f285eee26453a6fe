namespace Voting.Core.Grades;

/// <summary>An ordered grade scale, index 0 the worst grade and <see cref="Count"/> - 1 the best.</summary>
public sealed class GradeScale
{
    public GradeScale(IReadOnlyList<LocalizedText> labels)
    {
        if (labels.Count < 2)
            throw new ArgumentException("a grade scale needs at least 2 grades", nameof(labels));
        Labels = labels;
    }

    public IReadOnlyList<LocalizedText> Labels { get; }

    public int Count => Labels.Count;

    public bool Contains(int grade) => grade >= 0 && grade < Count;

    public string Label(int grade, string language = "en") =>
        Contains(grade) ? Labels[grade].In(language) : grade.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The grades the City of Paris uses for its participatory budget, worst first.</summary>
    public static GradeScale Paris { get; } = new([
        LocalizedText.Of("Pas du tout convaincu·e", "Not convinced at all", "Nada convencido/a"),
        LocalizedText.Of("Pas convaincu·e", "Not convinced", "No convencido/a"),
        LocalizedText.Of("Pourquoi pas ?", "Why not?", "¿Por qué no?"),
        LocalizedText.Of("J'aime bien", "I like it", "Me gusta"),
        LocalizedText.Of("J'adore", "I love it", "Me encanta"),
    ]);

    /// <summary>The seven grades of the Balinski-Laraki scale, worst first.</summary>
    public static GradeScale Classic { get; } = new([
        LocalizedText.Of("À rejeter", "To reject", "A rechazar"),
        LocalizedText.Of("Insuffisant", "Poor", "Insuficiente"),
        LocalizedText.Of("Passable", "Fair", "Aceptable"),
        LocalizedText.Of("Assez bien", "Good", "Bastante bien"),
        LocalizedText.Of("Bien", "Very good", "Bien"),
        LocalizedText.Of("Très bien", "Excellent", "Muy bien"),
        LocalizedText.Of("Excellent", "Outstanding", "Excelente"),
    ]);

    /// <summary>A scale of <paramref name="count"/> grades labelled by their index, for counts given as bare tallies.</summary>
    public static GradeScale Numbered(int count) =>
        new(Enumerable.Range(0, count).Select(g => LocalizedText.Plain(g.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray());
}
