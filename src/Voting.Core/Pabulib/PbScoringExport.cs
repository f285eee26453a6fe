using System.Globalization;

namespace Voting.Core.Pabulib;

/// <summary>A project of a graded (majority judgment) election, for the Pabulib export; <see cref="Selected"/> when the allocation is known.</summary>
public sealed record PbGradedProject(string Id, long Cost, string Name, bool? Selected = null);

/// <summary>One counted ballot: the grade index (0 = worst) given to each project the voter graded.</summary>
public sealed record PbGradedBallot(string VoterId, IReadOnlyDictionary<string, int> Grades);

/// <summary>
/// Builds the Pabulib export of a graded election: vote_type <c>scoring</c>, the points of a project being the
/// index of the grade it received (0 = worst, G-1 = best), a project's <c>score</c> the sum of its points, a
/// vote listing its projects by points, best first (equal points in project order), and a <c>selected</c>
/// column when the projects say whether they are funded. META comes in the format's order
/// (<see cref="PbMetaKeys"/>).
/// </summary>
public static class PbScoringExport
{
    /// <param name="description">META description.</param>
    /// <param name="budget">META budget.</param>
    /// <param name="gradeCount">G, the number of grades: points run from 0 to G-1.</param>
    /// <param name="projects">The projects, in the order to write them.</param>
    /// <param name="ballots">The counted ballots.</param>
    /// <param name="rule">META rule (for instance <c>greedy</c>), or null to leave it out.</param>
    /// <param name="extraMeta">More META entries (country, unit, instance, date_begin, language, currency...).</param>
    public static PbInstance Create(
        string description,
        long budget,
        int gradeCount,
        IReadOnlyList<PbGradedProject> projects,
        IEnumerable<PbGradedBallot> ballots,
        string? rule = null,
        IEnumerable<KeyValuePair<string, string>>? extraMeta = null)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(ballots);
        if (gradeCount < 2)
            throw new ArgumentOutOfRangeException(nameof(gradeCount), gradeCount, "a grade scale has at least 2 grades");
        if (budget < 0)
            throw new ArgumentOutOfRangeException(nameof(budget), budget, "a budget cannot be negative");

        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int p = 0; p < projects.Count; p++)
        {
            if (projects[p].Cost < 0)
                throw new ArgumentException($"project '{projects[p].Id}' has a negative cost", nameof(projects));
            if (!position.TryAdd(projects[p].Id, p))
                throw new ArgumentException($"project '{projects[p].Id}' appears twice", nameof(projects));
        }

        var scores = new long[projects.Count];
        var votes = new List<PbVote>();
        var voters = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ballot in ballots)
        {
            if (!voters.Add(ballot.VoterId))
                throw new ArgumentException($"voter '{ballot.VoterId}' appears twice", nameof(ballots));
            var graded = new List<(int Position, int Grade)>();
            foreach (var (projectId, grade) in ballot.Grades)
            {
                if (!position.TryGetValue(projectId, out var p))
                    throw new ArgumentException($"voter '{ballot.VoterId}' grades unknown project '{projectId}'", nameof(ballots));
                if (grade < 0 || grade >= gradeCount)
                    throw new ArgumentException($"voter '{ballot.VoterId}' gives project '{projectId}' grade {grade}, outside 0..{gradeCount - 1}", nameof(ballots));
                graded.Add((p, grade));
            }
            graded.Sort((a, b) => a.Grade != b.Grade ? b.Grade.CompareTo(a.Grade) : a.Position.CompareTo(b.Position));
            foreach (var (p, grade) in graded)
                scores[p] += grade;
            votes.Add(new PbVote(ballot.VoterId, graded.Select(g => projects[g.Position].Id).ToArray(), graded.Select(g => (long)g.Grade).ToArray()));
        }

        var meta = Meta(description, projects.Count, votes.Count, budget, projects.Sum(p => p.Cost), gradeCount, rule, extraMeta);
        bool withSelected = projects.Any(p => p.Selected is not null);
        var pbProjects = projects.Select((p, i) => new PbProject(p.Id, p.Cost, p.Name, withSelected
            ? [new("score", N(scores[i])), new("selected", p.Selected == true ? "1" : "0")]
            : [new("score", N(scores[i]))])).ToArray();
        string[] projectColumns = withSelected ? ["project_id", "cost", "score", "name", "selected"] : ["project_id", "cost", "score", "name"];
        return new PbInstance(meta, pbProjects, votes, projectColumns, ["voter_id", "vote", "points"]);
    }

    /// <summary>
    /// The META of an export, in the format's order: the given entries, the counts, <c>vote_type</c> scoring,
    /// <c>min_points</c> 0 and <c>max_points</c> G-1, and <c>fully_funded</c> 1 when the budget covers every project.
    /// </summary>
    /// <exception cref="ArgumentException">An entry of <paramref name="extraMeta"/> is one this method writes, or appears twice.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Meta(
        string description, int projects, long votes, long budget, long totalCost, int gradeCount, string? rule,
        IEnumerable<KeyValuePair<string, string>>? extraMeta)
    {
        var meta = new List<KeyValuePair<string, string>>
        {
            new("description", description),
            new("num_projects", N(projects)),
            new("num_votes", N(votes)),
            new("budget", N(budget)),
            new("vote_type", "scoring"),
            new("min_points", "0"),
            new("max_points", N(gradeCount - 1)),
        };
        if (rule is not null)
            meta.Add(new("rule", rule));
        if (budget >= totalCost)
            meta.Add(new("fully_funded", "1"));
        var keys = meta.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in extraMeta ?? [])
        {
            if (!keys.Add(entry.Key))
                throw new ArgumentException($"META key '{entry.Key}' is already written", nameof(extraMeta));
            meta.Add(entry);
        }
        return PbMetaKeys.Sort(meta).ToArray();
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
