using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Voting.Web.Tests;

/// <summary>The host also runs in-process under <see cref="WebApplicationFactory{TEntryPoint}"/> (silo included), for debugging.</summary>
public sealed class InProcessTests
{
    [Fact]
    public async Task WebApplicationFactory_runs_the_host_in_process()
    {
        var dataDir = HostProcess.NewDataDir();
        try
        {
            await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            {
                web.UseSetting("Voting:DataDir", dataDir);
                web.UseSetting("Voting:AdminToken", "in-process-token");
                web.UseSetting("Voting:SiloPort", HostProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
                web.UseSetting("Voting:GatewayPort", HostProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
            });
            using var client = factory.CreateClient();
            using var list = await client.GetAsync("/api/elections");
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            var body = await list.Content.ReadAsStringAsync();
            Assert.Contains("paris-2026", body);
            Assert.True(File.Exists(Path.Combine(dataDir, "voting.db")), "the SQLite file is in the configured data folder");
        }
        finally
        {
            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
