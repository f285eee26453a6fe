using Voting.Core.Grades;

namespace Voting.Core.Elections;

/// <summary>A project of a participatory budget, or an option of a question; its description, if any, is shown on the ballot.</summary>
public sealed record ProjectDefinition(string Id, LocalizedText Title, long? Cost = null, LocalizedText? Description = null);
