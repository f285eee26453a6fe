using System.Text.Json.Serialization;
using Voting.Core.Counting;
using Voting.Core.Grades;

namespace Voting.Core.Elections;

/// <summary>What an election is: its grade scale, envelopes, projects and counting rules. Frozen once the vote opens.</summary>
public sealed record ElectionDefinition(
    string Id,
    LocalizedText Title,
    ElectionKind Kind,
    IReadOnlyList<LocalizedText> Grades,
    IReadOnlyList<EnvelopeDefinition> Envelopes,
    string Balancing = "static:0",
    string Median = "lower",
    decimal? ParticipationThreshold = null,
    int? BallotBoxes = null)
{
    [JsonIgnore]
    public GradeScale Scale => new(Grades);

    [JsonIgnore]
    public BalancingPolicy BalancingPolicy => BalancingPolicy.Parse(Balancing);

    [JsonIgnore]
    public IEnumerable<ProjectDefinition> Projects => Envelopes.SelectMany(e => e.Projects);

    /// <summary>The envelope that holds <paramref name="projectId"/>, or null for an unknown project.</summary>
    public EnvelopeDefinition? EnvelopeOf(string projectId) =>
        Envelopes.FirstOrDefault(e => e.Projects.Any(p => p.Id == projectId));
}
