using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Voting.Browser.Tests;

/// <summary>The officials' sign-in page: <c>admin</c> signs in with the official token, using the keyboard only, and signs out.</summary>
[Collection(SiteCollection.Name)]
public sealed class OfficialSignInTests(Site site)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_official_signs_in_with_the_keyboard_and_signs_out(bool javaScript)
    {
        await using var context = await site.NewContext(javaScript: javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/official/sign-in");
        var signedIn = page.GetByText("Signed in as admin (administrator)", new() { Exact = true });
        await Expect(signedIn).ToHaveCountAsync(0);

        await Keyboard.TabTo(page, page.GetByLabel("User name", new() { Exact = true }));
        await page.Keyboard.TypeAsync("admin");
        await Keyboard.TabTo(page, page.GetByLabel("Password", new() { Exact = true }));
        await page.Keyboard.TypeAsync("not the token");
        await page.Keyboard.PressAsync("Enter");
        var error = page.GetByRole(AriaRole.Alert);
        await Expect(error).ToHaveTextAsync("This user name and password do not match an official's account.");
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveAccessibleDescriptionAsync("This user name and password do not match an official's account.");
        await Site.Screenshot(page, $"official-sign-in-refused{(javaScript ? "" : "-no-js")}");

        await Keyboard.TabTo(page, page.GetByLabel("Password", new() { Exact = true }));
        await page.Keyboard.TypeAsync(Site.AdminToken);
        await page.Keyboard.PressAsync("Enter");
        await Expect(signedIn).ToBeVisibleAsync();
        await Site.Screenshot(page, $"official-signed-in{(javaScript ? "" : "-no-js")}");

        // Every page has the button, even the one of an unknown election.
        await page.GotoAsync("/elections/no-such-election");
        await Expect(signedIn).ToBeVisibleAsync();
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true });
        await Keyboard.TabTo(page, signOut);
        await page.Keyboard.PressAsync("Enter");
        await Expect(signOut).ToHaveCountAsync(0);
        await Expect(signedIn).ToHaveCountAsync(0);
        Assert.EndsWith("/", page.Url);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "voting-official");
    }
}
