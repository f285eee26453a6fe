using Voting.Core.Grades;

namespace Voting.Core.Elections;

/// <summary>
/// A set of projects judged together and funded from one budget (the city-wide envelope, an
/// arrondissement's envelope), or the options of a question.
/// </summary>
public sealed record EnvelopeDefinition(
    string Id,
    IReadOnlyList<ProjectDefinition> Projects,
    long? Budget = null,
    string? Rule = null,
    LocalizedText? Title = null);
