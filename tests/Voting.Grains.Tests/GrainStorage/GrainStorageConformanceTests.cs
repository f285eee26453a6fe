using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace Voting.Grains.Tests.GrainStorage;

/// <summary>
/// What every Orleans grain storage the vote engine uses must do, called directly: each provider is registered on a
/// silo's services as the product registers it, resolved by name, and started as the silo would start it.
/// </summary>
public abstract class GrainStorageConformanceTests : IAsyncLifetime
{
    private const string StorageName = "conformance";
    private readonly List<(IHost Host, SiloLifecycleSubject Lifecycle)> _opened = [];
    private IGrainStorage _storage = null!;

    /// <summary>Registers the storage under test as <paramref name="name"/>, on the same data for every silo this test opens.</summary>
    protected abstract void AddStorage(ISiloBuilder silo, string name);

    /// <summary>A new instance of the storage, as another silo of the same service would have.</summary>
    protected async Task<IGrainStorage> OpenAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        // The silo is built, not started: clustering is only there for the services the grain storage serializer depends on.
        builder.UseOrleans(silo => AddStorage(silo.UseLocalhostClustering(), StorageName));
        var host = builder.Build();
        var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageName);
        var lifecycle = new SiloLifecycleSubject(NullLogger<SiloLifecycleSubject>.Instance);
        ((ILifecycleParticipant<ISiloLifecycle>)storage).Participate(lifecycle);
        _opened.Add((host, lifecycle));
        await lifecycle.OnStart();
        return storage;
    }

    public async Task InitializeAsync() => _storage = await OpenAsync();

    public virtual async Task DisposeAsync()
    {
        foreach (var (host, lifecycle) in _opened)
        {
            await lifecycle.OnStop();
            host.Dispose();
        }
    }

    protected static GrainId NewGrain() => GrainId.Create("note", Guid.NewGuid().ToString("N"));

    protected static NoteState Note(string text, params int[] numbers) => new() { Text = text, Numbers = [.. numbers] };

    protected async Task<GrainState<NoteState>> ReadAsync(GrainId grain, string stateName = "note", IGrainStorage? storage = null)
    {
        var state = new GrainState<NoteState>();
        await (storage ?? _storage).ReadStateAsync(stateName, grain, state);
        return state;
    }

    protected async Task<GrainState<NoteState>> WriteNewAsync(GrainId grain, NoteState note, string stateName = "note")
    {
        var state = new GrainState<NoteState>(note);
        await _storage.WriteStateAsync(stateName, grain, state);
        return state;
    }

    protected Task WriteAsync(GrainId grain, IGrainState<NoteState> state, string stateName = "note") =>
        _storage.WriteStateAsync(stateName, grain, state);

    protected Task ClearAsync(GrainId grain, IGrainState<NoteState> state, string stateName = "note") =>
        _storage.ClearStateAsync(stateName, grain, state);

    protected static void AssertNote(NoteState expected, NoteState? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.Numbers, actual.Numbers);
    }

    [Fact]
    public async Task A_state_never_written_reads_as_the_default_with_no_record_and_no_ETag()
    {
        var state = new GrainState<NoteState>(Note("left over"), "left-over-etag") { RecordExists = true };
        await _storage.ReadStateAsync("note", NewGrain(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        AssertNote(new NoteState(), state.State);
    }

    [Fact]
    public async Task A_new_state_is_written_and_reads_back_with_its_ETag_from_any_instance()
    {
        var grain = NewGrain();
        var written = await WriteNewAsync(grain, Note("first", 1, 2, 3));
        Assert.True(written.RecordExists);
        Assert.NotNull(written.ETag);

        foreach (var storage in new[] { _storage, await OpenAsync() })
        {
            var read = await ReadAsync(grain, storage: storage);
            Assert.True(read.RecordExists);
            Assert.Equal(written.ETag, read.ETag);
            AssertNote(Note("first", 1, 2, 3), read.State);
        }
    }

    [Fact]
    public async Task Every_write_changes_the_ETag_and_a_write_with_a_stale_ETag_is_refused()
    {
        var grain = NewGrain();
        var mine = await WriteNewAsync(grain, Note("first"));
        var stale = new GrainState<NoteState>(Note("stale"), mine.ETag);
        var firstETag = mine.ETag;
        mine.State = Note("second");
        await WriteAsync(grain, mine);
        Assert.NotEqual(firstETag, mine.ETag);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => WriteAsync(grain, stale));

        var read = await ReadAsync(grain);
        Assert.Equal(mine.ETag, read.ETag);
        AssertNote(Note("second"), read.State);
    }

    [Fact]
    public async Task Writing_a_new_state_where_one_exists_is_refused()
    {
        var grain = NewGrain();
        var first = await WriteNewAsync(grain, Note("first"));

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => WriteNewAsync(grain, Note("second")));

        var read = await ReadAsync(grain);
        Assert.Equal(first.ETag, read.ETag);
        AssertNote(Note("first"), read.State);
    }

    [Fact]
    public async Task Writing_with_an_ETag_where_no_state_exists_is_refused()
    {
        var other = await WriteNewAsync(NewGrain(), Note("other"));
        var grain = NewGrain();

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => WriteAsync(grain, new GrainState<NoteState>(Note("mine"), other.ETag)));

        Assert.False((await ReadAsync(grain)).RecordExists);
    }

    [Fact]
    public async Task A_cleared_state_reads_as_the_default_and_can_be_written_again()
    {
        var grain = NewGrain();
        var state = await WriteNewAsync(grain, Note("first", 1));

        await ClearAsync(grain, state);
        Assert.False(state.RecordExists);
        AssertNote(new NoteState(), state.State);
        var read = await ReadAsync(grain);
        Assert.False(read.RecordExists);
        AssertNote(new NoteState(), read.State);

        state.State = Note("again", 2);
        await WriteAsync(grain, state);
        read = await ReadAsync(grain);
        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        AssertNote(Note("again", 2), read.State);
    }

    [Fact]
    public async Task An_ETag_from_before_a_clear_is_stale()
    {
        var grain = NewGrain();
        var state = await WriteNewAsync(grain, Note("first"));
        var before = new GrainState<NoteState>(Note("before the clear"), state.ETag);

        await ClearAsync(grain, state);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => WriteAsync(grain, before));
        Assert.False((await ReadAsync(grain)).RecordExists);
    }

    [Fact]
    public async Task A_clear_with_a_stale_ETag_is_refused_and_keeps_the_state()
    {
        var grain = NewGrain();
        var state = await WriteNewAsync(grain, Note("first"));
        var stale = new GrainState<NoteState>(state.State, state.ETag);
        state.State = Note("second");
        await WriteAsync(grain, state);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => ClearAsync(grain, stale));

        var read = await ReadAsync(grain);
        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        AssertNote(Note("second"), read.State);
    }

    [Fact]
    public async Task Clearing_a_state_never_written_leaves_none()
    {
        var grain = NewGrain();
        var state = new GrainState<NoteState>(Note("never written"));

        await ClearAsync(grain, state);

        Assert.False(state.RecordExists);
        Assert.False((await ReadAsync(grain)).RecordExists);
    }

    [Fact]
    public async Task Grains_and_state_names_are_kept_apart()
    {
        GrainId alice = NewGrain(), bob = NewGrain();
        await WriteNewAsync(alice, Note("alice's note"));
        await WriteNewAsync(bob, Note("bob's note"));
        await WriteNewAsync(alice, Note("alice's draft"), "draft");

        AssertNote(Note("alice's note"), (await ReadAsync(alice)).State);
        AssertNote(Note("bob's note"), (await ReadAsync(bob)).State);
        AssertNote(Note("alice's draft"), (await ReadAsync(alice, "draft")).State);
        Assert.False((await ReadAsync(bob, "draft")).RecordExists);

        var aliceNote = await ReadAsync(alice);
        await ClearAsync(alice, aliceNote);
        Assert.True((await ReadAsync(bob)).RecordExists);
        Assert.True((await ReadAsync(alice, "draft")).RecordExists);
    }

    [Fact]
    public async Task A_large_state_round_trips()
    {
        // About 400 KB serialized: past one table property (64 KB), within one table entity (1 MB).
        var random = new Random(7);
        var large = Note(
            new string([.. Enumerable.Range(0, 250_000).Select(_ => (char)('a' + random.Next(26)))]),
            [.. Enumerable.Range(0, 20_000).Select(_ => random.Next())]);
        var grain = NewGrain();
        var state = await WriteNewAsync(grain, large);

        var read = await ReadAsync(grain);
        Assert.Equal(state.ETag, read.ETag);
        AssertNote(large, read.State);
    }
}
