using System.Text.Json.Nodes;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests.Abuse;

/// <summary>Definitions and voter imports an official (or a careless script) might send.</summary>
public sealed partial class AbuseTests
{
    private const string InvalidDefinition = "invalid definition: ";

    private static IEnumerable<Attack> Definitions =>
    [
        new("definition without a kind", h => Define(h, d => d.Remove("kind")), 400, InvalidDefinition + "kind: 'budget' or 'question'"),
        new("blank title", h => Define(h, d => d["title"] = new JsonObject { ["en"] = " \t" }), 400, InvalidDefinition + "title: a text in at least one language, none blank"),
        new("title with no language", h => Define(h, d => d["title"] = new JsonObject()), 400, InvalidDefinition + "title: a text in at least one language, none blank"),
        new("blank grade label", h => Define(h, d => d["grades"]![2] = new JsonObject { ["fr"] = "Pourquoi pas ?", ["en"] = "" }), 400,
            InvalidDefinition + "grades[2]: a label in at least one language, none blank"),
        new("blank project title", h => Define(h, d => d["envelopes"]![0]!["projects"]![1]!["title"] = new JsonObject { ["en"] = "\u00a0 " }), 400,
            InvalidDefinition + "envelopes[0].projects[1].title: a text in at least one language, none blank"),
        new("every problem at once", h => Define(h, d =>
        {
            d.Remove("kind");
            d["title"] = new JsonObject { ["en"] = "" };
            d["grades"]![0] = new JsonObject { ["en"] = " " };
        }), 400, InvalidDefinition + "kind: 'budget' or 'question'; title: a text in at least one language, none blank; grades[0]: a label"),
        new("kind as a number", h => Define(h, d => d["kind"] = 1), 400, "unexpected value at $.kind:"),
        new("unknown kind", h => Define(h, d => d["kind"] = "referendum"), 400, "unexpected value at $.kind:"),
        new("misspelt member", h => Define(h, d => d["balanceing"] = "median"), 400, "unexpected value at $.balanceing: an unknown member"),
        new("ballot boxes beyond 32 bits", h => Define(h, d => d["ballotBoxes"] = 99_999_999_999L), 400, "unexpected value at $.ballotBoxes:"),
        new("200-character balancing policy", h => Define(h, d => d["balancing"] = Repeat('b', 200)), 400,
            InvalidDefinition + "balancing: unknown balancing policy '" + Repeat('b', 64) + "…'"),
        new("redefining the open election", h => Define(h, d => d["title"] = new JsonObject { ["en"] = "Taken over" }, id: h.Open), 409, "election '{open}' already exists"),
        new("definition over 4 MiB", h => Define(h, d => d["title"] = new JsonObject { ["en"] = Repeat('t', 4 << 20) }), 413, "the body is larger than the limit of 4194304 bytes"),
        new("voter import with a smuggled member", h => Import(h, """{"voters": [{"id": "c", "envelopes": ["city"], "role": "official"}]}"""), 400,
            "unexpected value at $.voters[0].role: an unknown member"),
        new("same voter twice in one import", h => Import(h, """{"voters": [{"id": "c"}, {"id": "c"}]}"""), 400,
            "invalid voter import: voters[1].id: 'c' appears twice in this import"),
        new("voter in an unknown envelope", h => Import(h, """{"voters": [{"id": "c", "envelopes": ["mars"]}]}"""), 400,
            "invalid voter import: voters[0].envelopes: unknown envelope 'mars'"),
    ];

    // Each attempt would create a new election: a snapshot that still lists three shows none was.
    private static async Task<Answer> Define(AbuseHost h, Action<JsonObject> spoil, string? id = null)
    {
        var definition = Budget(id ?? NewId("spoilt"));
        spoil(definition);
        return await Post(h, "/api/elections", AbuseHost.AdminToken, Json(definition));
    }

    private static Task<Answer> Import(AbuseHost h, string json) => Post(h, $"/api/elections/{h.Draft}/voters", AbuseHost.AdminToken, Json(json));
}
