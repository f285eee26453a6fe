namespace Voting.Web.Admin;

/// <summary>The fields of the election form that problems are tied to (each the id of its input).</summary>
public static class ElectionFields
{
    public const string Id = "election-id";
    public const string Title = "title";
    public const string Scale = "scale";
    public const string Balancing = "balancing";
    public const string EnvelopeId = "envelope-id";
    public const string EnvelopeTitle = "envelope-title";
    public const string Budget = "budget";
    public const string Projects = "projects";

    /// <summary>A problem of the whole definition, not of one field.</summary>
    public const string Form = "create";
}
