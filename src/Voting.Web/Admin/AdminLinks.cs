namespace Voting.Web.Admin;

/// <summary>The addresses of the administrators' pages.</summary>
internal static class AdminLinks
{
    public const string Home = "/admin";

    public static string Election(string id) => $"{Home}/elections/{Uri.EscapeDataString(id)}";
}
