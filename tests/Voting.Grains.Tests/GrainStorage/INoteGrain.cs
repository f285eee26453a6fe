namespace Voting.Grains.Tests.GrainStorage;

/// <summary>A grain that keeps one note in its persistent state.</summary>
public interface INoteGrain : IGrainWithStringKey
{
    Task Write(string text, int[] numbers);

    Task<NoteState?> Read();

    Task Clear();

    Task Deactivate();
}
