using Microsoft.Extensions.Configuration;

namespace Voting.Host;

/// <summary>
/// The executable's own settings (section <c>Voting</c>): how the node joins its cluster, which storage it uses, the
/// sample elections. The data folder is <see cref="Voting.Grains.Storage.DataFolderOptions"/>, the web node's settings
/// <c>Voting.Web.VotingWebOptions</c>, the ballot path's <c>Voting.Grains.VotingGrainOptions</c>.
/// </summary>
public sealed class HostSettings
{
    /// <summary>Orleans' service id, the same whatever the clustering: every node of a deployment shares it.</summary>
    public const string ServiceId = "voting";

    /// <summary><c>localhost</c> (default: one node, no external service), <c>redis</c> (<c>ConnectionStrings:Redis</c>) or <c>azure</c> (an Azure table, <c>ConnectionStrings:AzureStorage</c>).</summary>
    public string Clustering { get; set; } = "localhost";

    /// <summary><c>sqlite</c> (default: a file in the data folder) or <c>azure</c> (<c>ConnectionStrings:AzureStorage</c>).</summary>
    public string Storage { get; set; } = "sqlite";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Nodes of one deployment share a cluster id (and Redis).</summary>
    public string ClusterId { get; set; } = "voting";

    /// <summary>The address other silos reach this one at (redis clustering); default: this machine's first address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Load the sample elections of <see cref="SeedsDir"/> on startup.</summary>
    public bool LoadSeeds { get; set; } = true;

    /// <summary>Where the sample elections are; default: <c>seeds/</c> beside the executable, else under the current directory.</summary>
    public string? SeedsDir { get; set; }

    /// <summary>For test harnesses: stop when this process exits.</summary>
    public int? ParentProcessId { get; set; }

    public static HostSettings From(IConfiguration configuration) =>
        configuration.GetSection("Voting").Get<HostSettings>() ?? new HostSettings();
}
