namespace Voting.Core.Elections;

/// <remarks>No kind is 0: a definition that does not say its kind reads as 0, and <see cref="DefinitionErrors"/> refuses it.</remarks>
public enum ElectionKind
{
    /// <summary>A participatory budget: envelopes with a budget, projects with a cost.</summary>
    Budget = 1,

    /// <summary>A citizen vote: one envelope whose projects are the options, no budget, no cost.</summary>
    Question = 2,
}
