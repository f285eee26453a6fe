namespace Voting.Grains;

/// <summary>The document collections the grains keep (lowercase letters only, so that they are valid blob container names).</summary>
internal static class StoreNames
{
    /// <summary>Key: <c>{election}/{import number}</c>. One committed import of voters each (see <see cref="Roll.RollImport"/>).</summary>
    public const string RollImports = "rollimports";

    /// <summary>Key: <see cref="Roll.RollImport.ShardKey"/>. The voters of one import in one ballot box (see <see cref="Roll.RollShard"/>).</summary>
    public const string RollShards = "rollshards";

    /// <summary>Key: <see cref="Roll.RollImport.VoterIdsKey"/>. The hashed voter ids of one import, to refuse the same voter twice.</summary>
    public const string RollVoters = "rollvoters";

    /// <summary>Key: the ballot box's <see cref="Boxes.BallotBox.LogId"/>. Its replayed log saved with its position (see <see cref="Voting.Core.Record.LogReplay.Save"/>).</summary>
    public const string Checkpoints = "checkpoints";
}
