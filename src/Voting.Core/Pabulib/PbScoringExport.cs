using System.Globalization;

namespace Voting.Core.Pabulib;

/// <summary>A project of a graded (majority judgment) election, for the Pabulib export.</summary>
public sealed record PbGradedProject(string Id, long Cost, string Name);

/// <summary>One counted ballot: the grade index (0 = worst) given to each project the voter graded.</summary>
public sealed record PbGradedBallot(string VoterId, IReadOnlyDictionary<string, int> Grades);

/// <summary>
/// Builds the Pabulib export of a graded election: vote_type <c>scoring</c>, the points of a project being the
/// index of the grade it received (0 = worst, G-1 = best), a project's <c>score</c> the sum of its points.
/// </summary>
public static class PbScoringExport
{
    /// <param name="description">META description.</param>
    /// <param name="budget">META budget.</param>
    /// <param name="gradeCount">G, the number of grades: points run from 0 to G-1.</param>
    /// <param name="projects">The projects, in the order to write them.</param>
    /// <param name="ballots">The counted ballots.</param>
    /// <param name="rule">META rule (for instance <c>greedy</c>), or null to leave it out.</param>
    /// <param name="extraMeta">More META entries (country, unit, language, currency, date_begin...), written after the standard ones.</param>
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
            graded.Sort((a, b) => a.Position.CompareTo(b.Position));
            foreach (var (p, grade) in graded)
                scores[p] += grade;
            votes.Add(new PbVote(ballot.VoterId, graded.Select(g => projects[g.Position].Id).ToArray(), graded.Select(g => (long)g.Grade).ToArray()));
        }

        string N(long value) => value.ToString(CultureInfo.InvariantCulture);
        var meta = new List<KeyValuePair<string, string>>
        {
            new("description", description),
            new("num_projects", N(projects.Count)),
            new("num_votes", N(votes.Count)),
            new("budget", N(budget)),
            new("vote_type", "scoring"),
        };
        if (rule is not null)
            meta.Add(new("rule", rule));
        meta.Add(new("min_points", "0"));
        meta.Add(new("max_points", N(gradeCount - 1)));
        var keys = meta.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in extraMeta ?? [])
        {
            if (!keys.Add(entry.Key))
                throw new ArgumentException($"META key '{entry.Key}' is already written", nameof(extraMeta));
            meta.Add(entry);
        }

        var pbProjects = projects.Select((p, i) => new PbProject(p.Id, p.Cost, p.Name, [new("score", N(scores[i]))])).ToArray();
        return new PbInstance(meta, pbProjects, votes, ["project_id", "cost", "score", "name"], ["voter_id", "vote", "points"]);
    }
}
