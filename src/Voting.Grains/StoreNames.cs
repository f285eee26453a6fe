namespace Voting.Grains;

/// <summary>The document collections the grains keep (lowercase letters only, so that they are valid blob container names).</summary>
internal static class StoreNames
{
    /// <summary>Key: election id. The definition's bytes as the record publishes them, written once.</summary>
    public const string Definitions = "definitions";

    /// <summary>Key: election id. The election's status (see <see cref="Elections.ElectionDocument"/>).</summary>
    public const string Elections = "elections";

    /// <summary>Key: <c>{election}/{import number}</c>. One voter import each (see <see cref="Elections.RollImport"/>).</summary>
    public const string VoterRoll = "voterroll";

    /// <summary>Key: election id. The replayed log saved with its position (see <see cref="Voting.Core.Record.LogReplay.Save"/>).</summary>
    public const string Checkpoints = "checkpoints";
}
