using Voting.Core.Elections;

namespace Voting.Core.Results;

/// <summary>
/// The merit profiles of one envelope's projects and the number of ballots cast in it, folded from ballots.
/// Counts are kept in one flat array, project after project, worst grade first.
/// </summary>
public sealed class EnvelopeTally
{
    private readonly Dictionary<string, int> _index;
    private readonly long[] _counts;

    public EnvelopeTally(EnvelopeDefinition envelope, int grades)
    {
        Id = envelope.Id;
        Grades = grades;
        Projects = envelope.Projects.Select(p => p.Id).ToArray();
        _index = Projects.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        _counts = new long[Projects.Count * grades];
    }

    public string Id { get; }

    public int Grades { get; }

    /// <summary>Project ids in definition order.</summary>
    public IReadOnlyList<string> Projects { get; }

    /// <summary>The number of ballots in this envelope: the judges of every project in it.</summary>
    public long Ballots { get; private set; }

    public int IndexOf(string project) => _index.TryGetValue(project, out var i) ? i : -1;

    public ReadOnlySpan<long> Profile(int project) => _counts.AsSpan(project * Grades, Grades);

    public long[] Profile(string project) => Profile(_index[project]).ToArray();

    public void Add(IReadOnlyDictionary<string, int> grades) => Apply(grades, +1);

    public void Remove(IReadOnlyDictionary<string, int> grades) => Apply(grades, -1);

    /// <summary>Adds one ballot given as a grade per project index, negative for a project it leaves ungraded.</summary>
    public void Add(ReadOnlySpan<sbyte> gradesByProject)
    {
        var counts = _counts.AsSpan();
        int grades = Grades;
        for (int p = 0; p < gradesByProject.Length; p++)
        {
            int grade = gradesByProject[p];
            if (grade >= 0) counts[p * grades + grade]++;
        }
        Ballots++;
    }

    /// <summary>Removes one ballot added with <see cref="Add(ReadOnlySpan{sbyte})"/>.</summary>
    public void Remove(ReadOnlySpan<sbyte> gradesByProject)
    {
        var counts = _counts.AsSpan();
        int grades = Grades;
        for (int p = 0; p < gradesByProject.Length; p++)
        {
            int grade = gradesByProject[p];
            if (grade >= 0) counts[p * grades + grade]--;
        }
        Ballots--;
    }

    /// <summary>Adds profiles given one after another (definition order, worst grade first), and their ballots.</summary>
    public void Add(ReadOnlySpan<long> counts, long ballots)
    {
        if (counts.Length != _counts.Length)
            throw new ArgumentException($"{counts.Length} counts do not fit envelope '{Id}' ({Projects.Count} projects x {Grades} grades)", nameof(counts));
        for (int i = 0; i < counts.Length; i++) _counts[i] += counts[i];
        Ballots += ballots;
    }

    /// <summary>The profiles one after another (definition order, worst grade first).</summary>
    public long[] Counts() => _counts.ToArray();

    /// <summary>Adds the counts of another tally of the same envelope (for folding ballots in parallel).</summary>
    public void Merge(EnvelopeTally other)
    {
        if (other.Id != Id || other._counts.Length != _counts.Length)
            throw new ArgumentException($"cannot merge envelope '{other.Id}' into '{Id}'");
        for (int i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Ballots += other.Ballots;
    }

    /// <summary>Adds (+1) or removes (-1) one ballot; checks every grade first, so a refused ballot changes nothing.</summary>
    private void Apply(IReadOnlyDictionary<string, int> grades, int sign)
    {
        foreach (var (project, grade) in grades)
        {
            int p = IndexOf(project);
            if (p < 0) throw new ArgumentException($"project '{project}' is not in envelope '{Id}'");
            if ((uint)grade >= (uint)Grades) throw new ArgumentException($"grade {grade} of project '{project}' is outside the scale of {Grades} grades");
            if (sign < 0 && _counts[p * Grades + grade] == 0) throw new InvalidOperationException($"no judgment of grade {grade} for project '{project}' to remove");
        }
        if (sign < 0 && Ballots == 0) throw new InvalidOperationException($"no ballot in envelope '{Id}' to remove");
        foreach (var (project, grade) in grades)
            _counts[IndexOf(project) * Grades + grade] += sign;
        Ballots += sign;
    }
}
