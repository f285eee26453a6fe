using Microsoft.Playwright;

namespace Voting.Browser.Tests;

/// <summary>Moving through a page with the keyboard only.</summary>
public static class Keyboard
{
    /// <summary>Presses Tab until <paramref name="target"/> has the focus; fails after 60 presses.</summary>
    public static async Task TabTo(IPage page, ILocator target)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
                return;
            await page.Keyboard.PressAsync("Tab");
        }
        throw new Xunit.Sdk.XunitException($"Tab never reached {target}");
    }
}
