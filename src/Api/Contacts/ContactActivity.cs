using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Contacts.List;
using Actors.Grains.Storage;
using Actors.Grains.Storage.Events;
using Actors.Interfaces.Contacts;

namespace Actors.Api.Contacts;

/// <summary>
/// A contact's timeline in the shape of Mautic's activity endpoint (MAUTIC-SPEC 3.11): filters
/// <c>filters[search]</c>, <c>filters[includeEvents][]</c>, <c>filters[excludeEvents][]</c>,
/// <c>filters[dateFrom]</c>, <c>filters[dateTo]</c>; <c>order[0]</c>/<c>order[1]</c>; <c>page</c>; <c>limit</c>. Every
/// parameter is read from the raw query as PHP reads it (<see cref="BracketQuery"/>): pairs in the order they came, a
/// later one replacing an earlier one of the same name (<c>page=1&amp;page=2</c> is page 2), an array indexed or
/// appended to alike.
/// </summary>
public sealed record ActivityQuery(
    string? Search,
    IReadOnlySet<string> IncludeEvents,
    IReadOnlySet<string> ExcludeEvents,
    DateTimeOffset? DateFrom,
    DateTimeOffset? DateTo,
    bool Ascending,
    int Page,
    int Limit)
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 1000;

    /// <summary>Reads the request's query; returns an error message instead when a value is malformed.</summary>
    public static (ActivityQuery? Query, string? Error) From(HttpRequest request)
    {
        var raw = request.QueryString.Value ?? "";
        JsonObject filters, order;
        JsonNode? pageNode, limitNode;
        try
        {
            (filters, order) = (BracketQuery.Read(raw, "filters") ?? [], BracketQuery.Read(raw, "order") ?? []);
            (pageNode, limitNode) = (BracketQuery.Parameter(raw, "page"), BracketQuery.Parameter(raw, "limit"));
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
        if (!TryText(filters["search"], out var search) || !TryText(filters["dateFrom"], out var fromText) || !TryText(filters["dateTo"], out var toText)
            || !TryText(order["1"], out var direction))
            return (null, "filters[search], filters[dateFrom], filters[dateTo] and order[1] must be single values, not arrays.");
        if (!TryDate(fromText, out var from) || !TryDate(toText, out var to))
            return (null, "filters[dateFrom] and filters[dateTo] must be dates such as 2026-11-23 14:00:00.");
        if (!TryText(pageNode, out var pageText) || !TryText(limitNode, out var limitText)
            || !TryPositive(pageText, 1, out var page) || !TryPositive(limitText, DefaultLimit, out var limit))
            return (null, "page and limit must be positive integers.");
        return (new ActivityQuery(
            string.IsNullOrEmpty(search) ? null : search,
            BracketQuery.Texts(filters["includeEvents"]).ToHashSet(),
            BracketQuery.Texts(filters["excludeEvents"]).ToHashSet(),
            from,
            to,
            string.Equals(direction, "ASC", StringComparison.OrdinalIgnoreCase),
            page,
            Math.Min(limit, MaxLimit)), null);
    }

    /// <summary>The events before this page: a long, since page times limit can pass int's range (page 2147483647).</summary>
    public long Offset => (long)(Page - 1) * Limit;

    public JsonObject Apply(IReadOnlyList<TimelineEvent> timeline)
    {
        // Mautic's timeline searches LIKE '%search%', so "%" and "_" are wildcards there as in the contacts' search.
        var search = Search is null ? null : LikePattern.Matcher(LikePattern.Containing(Search));
        var matching = timeline.Where(entry => Matches(entry, search));
        matching = Ascending ? matching.OrderBy(e => e.At) : matching.OrderByDescending(e => e.At);
        var all = matching.ToArray();
        // An offset past every event (one beyond int's range included) skips them all: the page is empty.
        return Respond(all.Skip((int)Math.Min(Offset, int.MaxValue)).Take(Limit).ToArray(), all.Length, []);
    }

    /// <summary>The same filters as a query of the event log, for the activity of all contacts, leaving out <paramref name="excluded"/> too.</summary>
    public EventQuery ToEventQuery(long? contactId, IEnumerable<string> excluded) => new(contactId)
    {
        Page = Page,
        Limit = Limit,
        IncludeTypes = IncludeEvents.ToArray(),
        ExcludeTypes = ExcludeEvents.Concat(excluded).Distinct().ToArray(),
        From = DateFrom,
        To = DateTo,
        Search = Search,
        Ascending = Ascending,
    };

    /// <summary>
    /// Mautic's activity body around one page of events, <paramref name="total"/> matching in all; <c>types</c> names
    /// every type the activity can hold but <paramref name="excludedTypes"/>, as Mautic lists every registered one.
    /// </summary>
    public JsonObject Respond(IReadOnlyList<TimelineEvent> events, long total, IEnumerable<string> excludedTypes)
    {
        var written = events.Select((e, i) => (JsonNode)ActivityEventTypes.Write(e, $"{e.Type}{Offset + i + 1}")).ToArray();
        return new JsonObject
        {
            ["events"] = new JsonArray(written),
            ["filters"] = new JsonObject
            {
                ["search"] = Search ?? "",
                ["includeEvents"] = new JsonArray(IncludeEvents.Select(e => (JsonNode)e).ToArray()),
                ["excludeEvents"] = new JsonArray(ExcludeEvents.Select(e => (JsonNode)e).ToArray()),
            },
            ["order"] = new JsonArray("timestamp", Ascending ? "ASC" : "DESC"),
            ["types"] = ActivityEventTypes.Types(excludedTypes),
            ["total"] = total,
            ["page"] = Page,
            ["limit"] = Limit,
            ["maxPages"] = (int)Math.Ceiling(total / (double)Limit),
        };
    }

    private bool Matches(TimelineEvent entry, Predicate<string>? search)
        => (IncludeEvents.Count == 0 || IncludeEvents.Contains(entry.Type))
           && !ExcludeEvents.Contains(entry.Type)
           && (DateFrom is null || entry.At >= DateFrom)
           && (DateTo is null || entry.At <= DateTo)
           && (search is null || search(entry.Type) || entry.Details.Values.Any(v => v is not null && search(v)));

    /// <summary>A parameter's text, null when absent; false when it is an array.</summary>
    private static bool TryText(JsonNode? node, out string? text)
    {
        text = (node as JsonValue)?.GetValue<string>();
        return node is null or JsonValue;
    }

    private static bool TryDate(string? value, out DateTimeOffset? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(value))
            return true;
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return false;
        date = parsed;
        return true;
    }

    private static bool TryPositive(string? value, int fallback, out int number)
    {
        number = fallback;
        return string.IsNullOrWhiteSpace(value) || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0);
    }
}
