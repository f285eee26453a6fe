namespace Voting.Grains.Storage;

/// <summary>
/// Where a node keeps its files (<c>Voting:DataDir</c>): the SQLite database, the generated official token, the seeds'
/// invitation codes; all of them private to the service's user (<see cref="PrivateFiles"/>).
/// </summary>
public sealed class DataFolderOptions
{
    public const string Section = "Voting";

    /// <summary>Relative paths are taken from the current directory; default <c>.data</c>.</summary>
    public string DataDir { get; set; } = ".data";

    public string FullPath => Path.GetFullPath(string.IsNullOrWhiteSpace(DataDir) ? ".data" : DataDir);
}
