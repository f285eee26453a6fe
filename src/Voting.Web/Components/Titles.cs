using Voting.Core.Elections;

namespace Voting.Web.Components;

/// <summary>An election's own texts in the request's language.</summary>
internal static class Titles
{
    public static string Title(this ElectionDefinition election) => election.Title.In(Languages.Current);

    public static string Title(this EnvelopeDefinition envelope) => envelope.Title?.In(Languages.Current) ?? envelope.Id;

    public static string Title(this ProjectDefinition project) => project.Title.In(Languages.Current);

    public static string? Description(this ProjectDefinition project) => project.Description?.In(Languages.Current);

    public static string ProjectTitle(this ElectionDefinition election, string projectId) =>
        election.Projects.FirstOrDefault(p => p.Id == projectId)?.Title() ?? projectId;

    public static string EnvelopeTitle(this ElectionDefinition election, string envelopeId) =>
        election.Envelopes.FirstOrDefault(e => e.Id == envelopeId)?.Title() ?? envelopeId;

    /// <summary>The grade's label; null for a negative grade (a project that received no judgment).</summary>
    public static string? GradeLabel(this ElectionDefinition election, int grade) =>
        grade < 0 ? null : election.Scale.Label(grade, Languages.Current);
}
