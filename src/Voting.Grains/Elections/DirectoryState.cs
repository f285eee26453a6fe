namespace Voting.Grains.Elections;

/// <summary>The ids of every election, in the order they were created (Orleans grain state of the directory).</summary>
[GenerateSerializer]
public sealed class DirectoryState
{
    [Id(0)]
    public List<string> Elections { get; set; } = [];
}
