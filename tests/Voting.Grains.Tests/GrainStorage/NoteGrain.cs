namespace Voting.Grains.Tests.GrainStorage;

public sealed class NoteGrain([PersistentState("note", NoteGrain.StorageName)] IPersistentState<NoteState> note) : Grain, INoteGrain
{
    public const string StorageName = "notes";

    public Task Write(string text, int[] numbers)
    {
        note.State = new NoteState { Text = text, Numbers = [.. numbers] };
        return note.WriteStateAsync();
    }

    public Task<NoteState?> Read() => Task.FromResult(note.RecordExists ? note.State : null);

    public Task Clear() => note.ClearStateAsync();

    public Task Deactivate()
    {
        this.DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
