using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Contacts.List;
using Actors.Api.Errors;

namespace Actors.Api.Lists;

/// <summary>What one write of a batch (or a single write) did: its status, and the entity written or the error.</summary>
public sealed record ItemOutcome(int Status, JsonObject? Item, JsonObject? Error)
{
    public static ItemOutcome Failure(int status, string message, JsonObject? details = null)
        => new(status, null, (JsonObject)ApiErrors.Body(status, message, details)["errors"]![0]!.DeepClone());

    public static ItemOutcome NotFound() => Failure(StatusCodes.Status404NotFound, "Item was not found.");

    /// <summary>The single-entity answer: {"key":{…}} with the status, or the error body.</summary>
    public IResult ToResult(string key) => Item is null
        ? Results.Json(new JsonObject { ["errors"] = new JsonArray(Error!.DeepClone()) }, statusCode: Status)
        : Results.Json(new JsonObject { [key] = Item.DeepClone() }, statusCode: Status);
}

/// <summary>
/// The batch endpoints' shared shape (MAUTIC-SPEC 3.8): items as a JSON array or an object keyed by index, at most the
/// configured limit (more is a 400, product decision 5), and an answer reporting each item in statusCodes and, when it
/// failed, in errors by index.
/// </summary>
public static class BatchReport
{
    /// <summary>The items of a batch body in order; empty when the body is neither an array nor an object.</summary>
    public static JsonNode?[] Items(JsonNode? body) => body switch
    {
        JsonArray array => [.. array],
        JsonObject keyed => [.. keyed.Select(item => item.Value)],
        _ => [],
    };

    /// <summary>
    /// The ids of a batch delete, given as ids=1,2,3 or as a PHP array (ids[]=1&amp;ids[]=2, ids[0]=1), read from the raw
    /// query in the order its pairs came, as Mautic's PHP reads them (<see cref="BracketQuery.Parameter"/>).
    /// </summary>
    public static string[] Ids(HttpRequest request)
    {
        try
        {
            return BracketQuery.Texts(BracketQuery.Parameter(request.QueryString.Value ?? "", "ids"));
        }
        catch (FormatException)
        {
            // Nested past any array of ids: no ids, which the caller answers with how to give them.
            return [];
        }
    }

    /// <summary>
    /// A failed item as Mautic reports it. An item the batch finds no entity for goes through its setBatchError, which
    /// writes <c>{"message","code","type":"api"}</c> and no details; a write refused on its own (a field's error, a
    /// unique value taken) is the error body's entry, type null and details, as Mautic's processForm returns it in batch mode.
    /// </summary>
    private static JsonNode ItemError(ItemOutcome outcome) => outcome.Status == StatusCodes.Status404NotFound
        ? new JsonObject { ["message"] = outcome.Error!["message"]?.DeepClone(), ["code"] = outcome.Status, ["type"] = "api" }
        : outcome.Error!.DeepClone();

    public static IResult TooMany(int limit) => ApiErrors.BadRequest($"A max of {limit} entities are supported at a time.");

    /// <summary>
    /// Failed items are left out of the entities; as in Mautic, whose PHP array then has gaps, the entities are then
    /// an object keyed by item index instead of an array, and errors, keyed by index too, is there only when one failed.
    /// </summary>
    public static IResult Respond(string key, IReadOnlyList<ItemOutcome> outcomes, int status)
    {
        var written = outcomes.Select((outcome, index) => (outcome, index)).Where(o => o.outcome.Item is not null).ToArray();
        JsonNode items = written.Length == outcomes.Count
            ? new JsonArray(written.Select(o => (JsonNode)o.outcome.Item!.DeepClone()).ToArray())
            : new JsonObject(written.Select(o => KeyValuePair.Create(o.index.ToString(CultureInfo.InvariantCulture), (JsonNode?)o.outcome.Item!.DeepClone())));
        var errors = new JsonObject(outcomes.Select((outcome, index) => (outcome, index)).Where(o => o.outcome.Error is not null)
            .Select(o => KeyValuePair.Create(o.index.ToString(CultureInfo.InvariantCulture), (JsonNode?)ItemError(o.outcome))));
        var answer = new JsonObject
        {
            [key] = items,
            ["statusCodes"] = new JsonArray(outcomes.Select(o => (JsonNode)o.Status).ToArray()),
        };
        // Mautic adds its errors only when an item failed.
        if (errors.Count > 0)
            answer["errors"] = errors;
        return Results.Json(answer, statusCode: status);
    }
}
