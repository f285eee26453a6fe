namespace Voting.Core.Trail;

/// <summary>
/// What makes an election's audit trail well-formed, in the order the actions were performed: only actions on an
/// election (create, import, open, close); times that never go back; the creation first, if the trail has it (an
/// election created before the engine kept a trail has a trail that starts later); an import names its voters
/// (1 or more) and no other entry does; no entry names an account; the vote opened at most once and closed at most
/// once, after it opened when the trail starts with the creation, and nothing after the close.
/// </summary>
public static class ElectionTrail
{
    public static readonly IReadOnlySet<TrailAction> Actions = new HashSet<TrailAction>
    {
        TrailAction.Create, TrailAction.Import, TrailAction.Open, TrailAction.Close,
    };

    /// <summary>Every problem of the trail: the index of the entry, the field when it is one, and what is wrong.</summary>
    public static IEnumerable<(int Index, string? Field, string Message)> Problems(IReadOnlyList<TrailEntry> trail)
    {
        bool opened = false, closed = false;
        for (int i = 0; i < trail.Count; i++)
        {
            var entry = trail[i];
            if (!Actions.Contains(entry.Action))
                yield return (i, "action", $"'{TrailLines.ActionName(entry.Action)}' is not an action on an election");
            if (entry.Action == TrailAction.Import && entry.Voters is not > 0)
                yield return (i, "voters", "an import names the number of voters it added, 1 or more");
            if (entry.Action != TrailAction.Import && entry.Voters is not null)
                yield return (i, "voters", "only an import names voters");
            if (entry.Account is not null)
                yield return (i, "account", "an election's trail names no account");
            if (i > 0 && entry.At < trail[i - 1].At)
                yield return (i, "at", "earlier than the entry before it");
            if (closed)
                yield return (i, "action", "after the close: the trail ends when the vote closes");
            switch (entry.Action)
            {
                case TrailAction.Create when i > 0:
                    yield return (i, "action", "the election is created once, by the first entry");
                    break;
                case TrailAction.Open when opened:
                    yield return (i, "action", "the vote opens once");
                    break;
                case TrailAction.Close when !opened && trail[0].Action == TrailAction.Create:
                    yield return (i, "action", "closed before it was opened");
                    break;
            }
            opened |= entry.Action == TrailAction.Open;
            closed |= entry.Action == TrailAction.Close;
        }
    }
}
