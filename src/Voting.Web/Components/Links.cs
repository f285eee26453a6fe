namespace Voting.Web.Components;

/// <summary>The addresses of an election's pages and of its record.</summary>
internal static class Links
{
    public static string Election(string id) => $"/elections/{Uri.EscapeDataString(id)}";

    public static string Vote(string id) => Election(id) + "/vote";

    public static string Receipt(string id) => Election(id) + "/receipt";

    public static string Results(string id) => Election(id) + "/results";

    /// <summary>The officials' live dashboard.</summary>
    public static string Live(string id) => Election(id) + "/live";

    public static string Record(string id) => $"/api/elections/{Uri.EscapeDataString(id)}/record";
}
