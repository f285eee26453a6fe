namespace Voting.Core.Pabulib;

/// <summary>The ballot formats of Pabulib (META <c>vote_type</c>).</summary>
public enum PbVoteType
{
    /// <summary><c>approval</c>: the projects the voter supports, in no order.</summary>
    Approval,

    /// <summary><c>choose-1</c>: a single project.</summary>
    Choose1,

    /// <summary><c>cumulative</c>: points spread over projects (<c>points</c> column).</summary>
    Cumulative,

    /// <summary><c>ordinal</c>: projects best first; the order of the <c>vote</c> list is the rank.</summary>
    Ordinal,

    /// <summary><c>scoring</c>: a score per project (<c>points</c> column).</summary>
    Scoring,
}

public static class PbVoteTypes
{
    public static IReadOnlyList<string> Names { get; } = ["approval", "choose-1", "cumulative", "ordinal", "scoring"];

    public static string Name(this PbVoteType type) => type switch
    {
        PbVoteType.Approval => "approval",
        PbVoteType.Choose1 => "choose-1",
        PbVoteType.Cumulative => "cumulative",
        PbVoteType.Ordinal => "ordinal",
        PbVoteType.Scoring => "scoring",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a Pabulib vote type"),
    };

    public static bool TryParse(string? text, out PbVoteType type)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "approval": type = PbVoteType.Approval; return true;
            case "choose-1": type = PbVoteType.Choose1; return true;
            case "cumulative": type = PbVoteType.Cumulative; return true;
            case "ordinal": type = PbVoteType.Ordinal; return true;
            case "scoring": type = PbVoteType.Scoring; return true;
            default: type = default; return false;
        }
    }

    /// <summary>Whether ballots of this type carry a <c>points</c> list.</summary>
    public static bool HasPoints(this PbVoteType type) => type is PbVoteType.Cumulative or PbVoteType.Scoring;
}
