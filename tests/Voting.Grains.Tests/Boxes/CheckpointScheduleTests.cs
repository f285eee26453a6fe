using Voting.Grains.Boxes;

namespace Voting.Grains.Tests.Boxes;

public sealed class CheckpointScheduleTests
{
    [Fact]
    public void While_ballots_keep_coming_a_checkpoint_is_due_once_the_log_grew_by_more_than_a_tenth()
    {
        var schedule = new CheckpointSchedule();
        Assert.True(schedule.IsDue(head: 40, checkpointed: 0)); // the first one, whatever its size
        Assert.False(schedule.IsDue(head: 40, checkpointed: 40)); // nothing new since
        // Ballots at every tick, after a checkpoint at 1,000: not before 1,101.
        Assert.False(schedule.IsDue(head: 1_020, checkpointed: 1_000));
        Assert.False(schedule.IsDue(head: 1_060, checkpointed: 1_000));
        Assert.False(schedule.IsDue(head: 1_100, checkpointed: 1_000));
        Assert.True(schedule.IsDue(head: 1_101, checkpointed: 1_000));
    }

    [Fact]
    public void A_tick_with_no_ballot_since_the_previous_one_brings_the_checkpoint_up_to_date()
    {
        var schedule = new CheckpointSchedule();
        Assert.False(schedule.IsDue(head: 1_005, checkpointed: 1_000));
        Assert.True(schedule.IsDue(head: 1_005, checkpointed: 1_000));
        Assert.False(schedule.IsDue(head: 1_005, checkpointed: 1_005)); // up to date: nothing to write
    }
}
