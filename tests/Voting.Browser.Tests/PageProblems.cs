using Microsoft.Playwright;

namespace Voting.Browser.Tests;

/// <summary>What goes wrong in a page's scripts: Content-Security-Policy violations, script errors, console errors.</summary>
public static class PageProblems
{
    /// <summary>Collects the page's problems from now on (a resource that fails to load, the favicon say, is not one).</summary>
    public static List<string> Watch(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)))
                problems.Add(message.Text);
        };
        page.PageError += (_, error) => problems.Add(error);
        return problems;
    }
}
