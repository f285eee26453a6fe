using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Voting.Grains.Storage;
using Voting.Web;

namespace Voting.Host;

/// <summary>What a newcomer needs once the node is up: where to browse, where the official's token is (never the token), the sample elections' codes.</summary>
internal static class Banner
{
    public static void Print(WebApplication app)
    {
        var services = app.Services;
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var dataFolder = services.GetRequiredService<IOptions<DataFolderOptions>>().Value;
        var token = services.GetRequiredService<AdminToken>();
        var seeds = services.GetRequiredService<SeedLoader>();
        var settings = services.GetRequiredService<HostSettings>();
        var elapsed = DateTime.Now - Process.GetCurrentProcess().StartTime;

        var lines = new List<string> { "", $"Voting is ready ({elapsed.TotalSeconds:0.0} s)." };
        foreach (var address in addresses)
        {
            var browse = address.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").TrimEnd('/');
            lines.Add($"  Browse:         {browse}/");
            lines.Add($"  API reference:  {browse}/scalar   (OpenAPI: {browse}/openapi/v1.json)");
        }
        lines.Add($"  Data folder:    {dataFolder.FullPath}   (clustering: {settings.Clustering}, storage: {settings.Storage})");
        if (token.Generated)
        {
            lines.Add($"  Official token: generated on this first start, kept in {token.Source}");
            lines.Add("                  (sign in at /official/sign-in as admin with it, or send it as Authorization: Bearer <token>)");
        }
        else
            lines.Add($"  Official token: from {token.Source}");
        if (seeds.Loaded.Count > 0)
        {
            lines.Add($"  Sample elections: {string.Join(", ", seeds.Loaded)}");
            if (File.Exists(seeds.CodesPath))
                lines.Add($"  Invitation codes to try a ballot: {seeds.CodesPath}");
        }
        lines.Add("");
        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        Console.Out.Flush();
    }
}
