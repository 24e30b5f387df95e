using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Actors.Grains.Storage.Contacts.Query;
using Actors.Interfaces.Fields;
using Actors.Grains.Errors;

namespace Actors.Api.Contacts.List;

/// <summary>
/// The parameters of GET /api/contacts (MAUTIC-SPEC 3.4) read into a <see cref="ContactListQuery"/>: search, where[],
/// orderBy/orderByDir and order[], start, limit and minimal. published/publishedOnly are accepted and change nothing:
/// every contact is published. A value that cannot be honoured throws <see cref="FormatException"/>, answered 400.
/// Only published fields can be searched, filtered or ordered by: an unpublished one is unknown here, as it is to
/// Mautic's forms, API and export, though contacts keep its values.
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
        => Read(context.Request, fields, CurrentUserId(context.User), references);

    /// <summary>
    /// Every parameter comes from the raw query in pair order, as PHP reads it: a plain one given twice holds the later
    /// value ("limit=1&amp;limit=2" is 2), and arrays (where[], order[]) are keyed as they came.
    /// </summary>
    public static ContactListRequest Read(HttpRequest request, IReadOnlyList<FieldDefinition> catalog, long? currentUserId, SearchReferences? references = null)
    {
        var query = request.QueryString.Value ?? "";
        var fields = catalog.Where(f => f.IsPublished).ToArray();
        var search = SearchStringParser.Parse(BracketQuery.Text(query, "search") ?? "", fields, currentUserId, references);
        var where = BracketQuery.Read(query, "where") is { } array ? WhereExpressions.Parse(array, fields) : ContactFilter.All;
        return new ContactListRequest(new ContactListQuery
        {
            Filter = new AllOf([search, where]),
            Order = Order(query, fields),
            Start = Count(query, "start", 0),
            Limit = Count(query, "limit", DefaultLimit),
        }, BracketQuery.Flag(query, "minimal"));
    }

    // The authenticated user's id, when authentication names one; "is:mine" matches nothing without it.
    static long? CurrentUserId(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    static List<ContactOrder> Order(string query, IReadOnlyList<FieldDefinition> fields)
    {
        var orders = new List<ContactOrder>();
        var orderBy = BracketQuery.Text(query, "orderBy") ?? "";
        // Checked without orderBy too, as every other list checks it: a bad value is refused, never silently ignored.
        var descending = Descending(BracketQuery.Text(query, "orderByDir"), "orderByDir");
        if (orderBy.Length > 0)
            AddOrder(orders, orderBy, "orderBy", descending, fields);
        var order = BracketQuery.Read(query, "order") ?? [];
        foreach (var (key, node) in order)
        {
            var index = EchoedInput.Cap(key);
            var entry = node as JsonObject ?? throw new FormatException($"order[{index}] must be an array with col and dir.");
            var name = WhereExpressions.Text(entry["col"] ?? entry["column"]) ?? throw new FormatException($"order[{index}][col] is missing or not a single value.");
            var direction = WhereExpressions.Text(entry["dir"]);
            if (entry["dir"] is not null && direction is null)
                throw new FormatException($"order[{index}][dir] must be a single value.");
            AddOrder(orders, name, $"order[{index}][col]", Descending(direction, $"order[{index}][dir]"), fields);
        }
        // Ordered by members alike in every contact, the list is in id order, not in the list's default order.
        if (orders.Count == 0 && (orderBy.Length > 0 || order.Count > 0))
            orders.Add(new ContactOrder(ContactColumns.Id, Descending: false));
        return orders;
    }

    /// <summary>
    /// Members every contact shows with one value (<see cref="ContactJson"/>: all are published, none has a color or a
    /// creating user through this service), by Mautic's member and column names. Ordering by one is accepted, as
    /// Mautic accepts any column of its table, and leaves the order to the next ordering and then the id.
    /// </summary>
    static readonly HashSet<string> SameForEveryContact = new(StringComparer.OrdinalIgnoreCase)
    {
        "isPublished", "is_published", "createdBy", "created_by", "createdByUser", "created_by_user", "modifiedBy", "modified_by",
        "modifiedByUser", "modified_by_user", "color", "preferredProfileImage", "preferred_profile_image",
    };

    /// <summary>Adds the ordering by <paramref name="name"/>, if it orders anything; a 400 when nothing has that name.</summary>
    static void AddOrder(List<ContactOrder> orders, string name, string parameter, bool descending, IReadOnlyList<FieldDefinition> fields)
    {
        if (ContactColumns.Resolve(WhereExpressions.Unaliased(name), fields) is { } column)
            orders.Add(new ContactOrder(column, descending));
        else if (!SameForEveryContact.Contains(WhereExpressions.Unaliased(name)))
            throw new FormatException($"{parameter}: \"{EchoedInput.Cap(name)}\" is not a contact column.");
    }

    static bool Descending(string? direction, string parameter) => direction?.ToLowerInvariant() switch
    {
        null or "" or "asc" => false,
        "desc" => true,
        _ => throw new FormatException($"{parameter} must be asc or desc."),
    };

    static long Count(string query, string name, long absent) => BracketQuery.Text(query, name) switch
    {
        null or "" => absent,
        var text when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) => count,
        _ => throw new FormatException($"{name} must be a whole number, 0 or more."),
    };
}
