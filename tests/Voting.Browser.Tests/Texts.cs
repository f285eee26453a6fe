namespace Voting.Browser.Tests;

/// <summary>A text of the test elections in the pages' three languages.</summary>
public sealed record Texts(string En, string Fr, string Es)
{
    public string In(string language) => language switch
    {
        "fr" => Fr,
        "es" => Es,
        _ => En,
    };
}
