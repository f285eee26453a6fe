using Voting.Core.Text;

namespace Voting.Core.Elections;

/// <summary>
/// Checks an import of voters (each an official's id for the voter and the envelopes they may vote in) against the
/// definition, and names every problem with its path (<c>voters[i].field: reason</c>).
/// </summary>
public static class RollErrors
{
    public const int MaxVoterIdLength = 256;

    /// <summary>The most problems named one by one; the rest are counted.</summary>
    public const int MaxListed = 100;

    public static IReadOnlyList<string> Of(ElectionDefinition definition, IReadOnlyList<(string? Id, IReadOnlyList<string?>? Envelopes)>? voters)
    {
        if (voters is null || voters.Count == 0)
            return ["voters: give at least one voter, e.g. {\"voters\": [{\"id\": \"ext-1\", \"envelopes\": [\"...\"]}]}"];
        var errors = new List<string>();
        int more = 0;
        void Add(string problem)
        {
            if (errors.Count < MaxListed) errors.Add(problem);
            else more++;
        }
        var envelopeIds = definition.Envelopes.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < voters.Count; i++)
        {
            var (id, envelopes) = voters[i];
            if (string.IsNullOrWhiteSpace(id)) Add($"voters[{i}].id: the voter's id is required");
            else if (id.Length > MaxVoterIdLength) Add($"voters[{i}].id: at most {MaxVoterIdLength} characters");
            else if (ids.TryGetValue(id, out var first)) Add($"voters[{i}].id: '{Excerpt.Of(id)}' appears twice in this import (first at voters[{first}])");
            else ids[id] = i;
            if (envelopes is null || envelopes.Count == 0)
                Add($"voters[{i}].envelopes: at least one envelope");
            else
                foreach (var envelope in envelopes.Where(e => e is null || !envelopeIds.Contains(e)).Distinct())
                    Add($"voters[{i}].envelopes: unknown envelope '{Excerpt.Of(envelope)}'; known: {string.Join(", ", envelopeIds)}");
        }
        if (more > 0) errors.Add($"voters: {more} more problems");
        return errors;
    }
}
