namespace Voting.Core.Elections;

public enum ElectionKind
{
    /// <summary>A participatory budget: envelopes with a budget, projects with a cost.</summary>
    Budget,

    /// <summary>A citizen vote: one envelope whose projects are the options, no budget, no cost.</summary>
    Question,
}
