namespace Voting.Grains.Tests.GrainStorage;

/// <summary>The state the grain storage tests keep.</summary>
[GenerateSerializer]
public sealed class NoteState
{
    [Id(0)]
    public string Text { get; set; } = "";

    [Id(1)]
    public List<int> Numbers { get; set; } = [];
}
