using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Actors.Grains.Storage.Contacts.Query;
using Actors.Interfaces.Fields;

namespace Actors.Api.Contacts.List;

/// <summary>
/// The parameters of GET /api/contacts (MAUTIC-SPEC 3.4) read into a <see cref="ContactListQuery"/>: search, where[],
/// orderBy/orderByDir and order[], start, limit and minimal. published/publishedOnly are accepted and change nothing:
/// every contact is published. A value that cannot be honoured throws <see cref="FormatException"/>, answered 400.
/// </summary>
public sealed record ContactListRequest(ContactListQuery Query, bool Minimal)
{
    /// <summary>Mautic's default_pagelimit.</summary>
    public const int DefaultLimit = 30;

    /// <summary>
    /// The request <paramref name="context"/> makes, as the list and the export read it alike: "is:mine" is its signed-in
    /// user, and segment:, stage: and owner: match the names in <paramref name="references"/>.
    /// </summary>
    public static ContactListRequest Read(HttpContext context, IReadOnlyList<FieldDefinition> fields, SearchReferences references)
        => Read(context.Request.Query, fields, CurrentUserId(context.User), references);

    public static ContactListRequest Read(IQueryCollection parameters, IReadOnlyList<FieldDefinition> fields, long? currentUserId, SearchReferences? references = null)
    {
        var search = SearchStringParser.Parse(parameters["search"].ToString(), fields, currentUserId, references);
        var where = BracketQuery.Read(parameters, "where") is { } array ? WhereExpressions.Parse(array, fields) : ContactFilter.All;
        return new ContactListRequest(new ContactListQuery
        {
            Filter = new AllOf([search, where]),
            Order = Order(parameters, fields),
            Start = Count(parameters, "start", 0),
            Limit = Count(parameters, "limit", DefaultLimit),
        }, Flag(parameters["minimal"].ToString()));
    }

    // The authenticated user's id, when authentication names one; "is:mine" matches nothing without it.
    static long? CurrentUserId(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    static List<ContactOrder> Order(IQueryCollection parameters, IReadOnlyList<FieldDefinition> fields)
    {
        var orders = new List<ContactOrder>();
        if (parameters["orderBy"].ToString() is { Length: > 0 } orderBy)
            orders.Add(new ContactOrder(Column(orderBy, "orderBy", fields), Descending(parameters["orderByDir"].ToString(), "orderByDir")));
        foreach (var (index, node) in BracketQuery.Read(parameters, "order") ?? [])
        {
            var entry = node as JsonObject ?? throw new FormatException($"order[{index}] must be an array with col and dir.");
            var name = (string?)entry["col"] ?? (string?)entry["column"] ?? throw new FormatException($"order[{index}][col] is missing.");
            orders.Add(new ContactOrder(Column(name, $"order[{index}][col]", fields), Descending((string?)entry["dir"], $"order[{index}][dir]")));
        }
        return orders;
    }

    static ContactColumn Column(string name, string parameter, IReadOnlyList<FieldDefinition> fields) =>
        ContactColumns.Resolve(name, fields) ?? throw new FormatException($"{parameter}: \"{name}\" is not a contact column.");

    static bool Descending(string? direction, string parameter) => direction?.ToLowerInvariant() switch
    {
        null or "" or "asc" => false,
        "desc" => true,
        _ => throw new FormatException($"{parameter} must be asc or desc."),
    };

    static long Count(IQueryCollection parameters, string name, long absent) => parameters[name].ToString() switch
    {
        "" => absent,
        var text when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) => count,
        _ => throw new FormatException($"{name} must be a whole number, 0 or more."),
    };

    static bool Flag(string value) => value.ToLowerInvariant() is "1" or "true" or "yes" or "on";
}
