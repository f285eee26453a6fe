namespace Voting.Grains.Storage;

/// <summary>What every store refuses before writing anything: the shape rules of <see cref="IBallotLogStore.AppendAsync"/>.</summary>
internal static class AppendRules
{
    public static void Check(IBallotLogStore store, IReadOnlyList<LogRecord> batch, IReadOnlyList<SlotWrite> slots)
    {
        if (batch.Count == 0) throw new ArgumentException("An append needs at least one record.", nameof(batch));
        if (batch[0].Sequence < 1) throw new ArgumentException("Sequences start at 1.", nameof(batch));
        for (var i = 1; i < batch.Count; i++)
            if (batch[i].Sequence != batch[i - 1].Sequence + 1)
                throw new ArgumentException("The batch's sequences must be consecutive.", nameof(batch));
        if (slots.Select(s => s.Slot.VoterKey).Distinct(StringComparer.Ordinal).Count() != slots.Count)
            throw new ArgumentException("An append writes each voter slot at most once.", nameof(slots));
        if (store.MaxRecordBytesPerAppend < int.MaxValue && LogBatchPayload.Size(batch) > store.MaxRecordBytesPerAppend)
            throw new ArgumentException($"An append carries at most {store.MaxRecordBytesPerAppend} record bytes.", nameof(batch));
    }
}
