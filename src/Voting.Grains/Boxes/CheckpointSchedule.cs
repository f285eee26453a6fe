namespace Voting.Grains.Boxes;

/// <summary>
/// When a ballot box's timer writes a checkpoint. A checkpoint is the whole replay, which grows with the ballots:
/// written at every tick while ballots keep coming, a box of millions of ballots would write all of it every few
/// seconds. A tick writes one once the log has grown by more than a tenth since the last (all of them together then
/// cost about eleven times the final state, and a restart replays at most a tenth of the log), or once the box is
/// quiet (no ballot since the previous tick), so that a pause leaves the checkpoint up to date.
/// </summary>
internal sealed class CheckpointSchedule
{
    private long _headAtLastTick = -1;

    /// <param name="head">The log's position now.</param>
    /// <param name="checkpointed">The position of the last checkpoint written.</param>
    public bool IsDue(long head, long checkpointed)
    {
        bool quiet = head == _headAtLastTick;
        _headAtLastTick = head;
        return head != checkpointed && (quiet || head - checkpointed > checkpointed / 10);
    }
}
