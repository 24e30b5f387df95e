using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Interfaces.Contacts;

namespace Actors.Api.Contacts;

/// <summary>
/// Every timeline type as Mautic's activity answer writes it (MAUTIC-SPEC 3.11): its human name (Mautic 5's English
/// string, or ours for a type Mautic does not have), its <c>eventLabel</c> and its <c>details</c>, shaped as the
/// Mautic subscriber of that type shapes them (PageBundle, LeadBundle, PointBundle, StageBundle LeadSubscriber
/// onTimelineGenerate). Only the answer is shaped here: the event log keeps the details flat, which is what
/// <c>filters[search]</c> reads, so a search finds what it found before.
/// </summary>
public static class ActivityEventTypes
{
    /// <summary>How one type is answered: a null label leaves <c>eventLabel</c> out, as Mautic does for that type.</summary>
    private sealed record Shape(string Name, Func<TimelineEvent, string, JsonNode?>? Label, Func<TimelineEvent, string, JsonNode> Details);

    private static readonly Dictionary<string, Shape> Shapes = new(StringComparer.Ordinal)
    {
        ["page.hit"] = new("Page hit", PageHitLabel, PageHitDetails),
        ["lead.create"] = new("Contact created", null, Flat),
        ["lead.identified"] = new("Contact identified", null, Flat),
        ["lead.ipadded"] = new("Accessed from IP", (e, _) => Value(e, "ipAddress"), IpDetails),
        ["lead.utmtagsadded"] = new("UTM tags recorded", UtmLabel, UtmDetails),
        ["lead.donotcontact"] = new("Do not contact", (e, _) => Capitalised(Value(e, "channel")), DoNotContactDetails),
        ["lead.imported"] = new("Imported", ImportLabel, ImportDetails),
        ["point.gained"] = new("Point gained", (e, name) => $"{name} / {Value(e, "delta")}", PointDetails),
        ["stage.changed"] = new("Stage changed", TypeName, StageDetails),
        ["segment_membership"] = new("Segment membership change", TypeName, Flat),
        ["campaign_membership"] = new("Campaign membership change", TypeName, Flat),
        ["lead.merged"] = new("Contact merged", TypeName, Flat),
        ["lead.deleted"] = new("Contact deleted", TypeName, Flat),
        // Types of this service alone, named in Mautic's manner.
        ["lead.utmtagsremoved"] = new("UTM tags removed", UtmLabel, UtmDetails),
        ["lead.tagsupdated"] = new("Tags updated", TypeName, Flat),
        ["lead.note"] = new("Note added", TypeName, Flat),
        ["category_membership"] = new("Category membership change", TypeName, Flat),
    };

    /// <summary>Mautic's texts for a do-not-contact reason (DncReasonHelper::toText).</summary>
    private static readonly string[] DoNotContactReasons =
    [
        "Contact is contactable.",
        "Contact unsubscribed from this channel.",
        "Communication bounced for this channel.",
        "Contact was manually set as do not contact for this channel.",
    ];

    /// <summary>The human name of a type; a type this table does not know is named by its key.</summary>
    public static string NameOf(string type) => Shapes.TryGetValue(type, out var shape) ? shape.Name : type;

    /// <summary>
    /// The answer's <c>types</c>: every type the activity can hold, <paramref name="excluded"/> aside, key to human
    /// name, in the order of the names as Mautic's natcasesort leaves them.
    /// </summary>
    public static JsonObject Types(IEnumerable<string> excluded)
    {
        var left = excluded.ToHashSet(StringComparer.Ordinal);
        return new JsonObject(Shapes.Where(s => !left.Contains(s.Key))
            .OrderBy(s => s.Value.Name, StringComparer.OrdinalIgnoreCase)
            .Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value.Name)));
    }

    /// <summary>One event of the answer, numbered <paramref name="eventId"/>.</summary>
    public static JsonObject Write(TimelineEvent e, string eventId)
    {
        var shape = Shapes.GetValueOrDefault(e.Type);
        var name = shape?.Name ?? e.Type;
        var written = new JsonObject { ["event"] = e.Type, ["eventId"] = eventId };
        if (shape is null || shape.Label is not null)
            written["eventLabel"] = shape?.Label!(e, name) ?? name;
        written["eventType"] = name;
        written["timestamp"] = Timestamp(e.At);
        written["contactId"] = e.ContactId;
        written["details"] = (shape?.Details ?? Flat)(e, name);
        return written;
    }

    /// <summary>A date as Mautic's API writes one (ISO 8601 with the offset).</summary>
    public static string Timestamp(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string? Value(TimelineEvent e, string key) => e.Details.GetValueOrDefault(key);

    private static JsonNode? TypeName(TimelineEvent e, string name) => name;

    private static JsonNode Flat(TimelineEvent e, string name)
        => new JsonObject(e.Details.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value)));

    /// <summary>Mautic's label for a hit of a page it does not host: the page's title, or its URL, linking to it.</summary>
    private static JsonNode? PageHitLabel(TimelineEvent e, string name) => new JsonObject
    {
        ["label"] = Value(e, "urlTitle") ?? Value(e, "url"),
        ["href"] = Value(e, "url"),
        ["isExternal"] = true,
    };

    /// <summary>
    /// Mautic's <c>details.hit</c> (HitRepository::getLeadHits) with the keys its query names; those this service
    /// does not record are null, as Mautic's left joins leave them for a hit without them, and what it records that
    /// Mautic does not (the language, the tracking device id) follows them.
    /// </summary>
    private static JsonNode PageHitDetails(TimelineEvent e, string name)
    {
        var hit = new JsonObject
        {
            ["page_id"] = null,
            ["userAgent"] = Value(e, "userAgent"),
            ["dateHit"] = Timestamp(e.At),
            ["dateLeft"] = null,
            ["referer"] = Value(e, "referer"),
            ["source"] = null,
            ["sourceId"] = null,
            ["url"] = Value(e, "url"),
            ["urlTitle"] = Value(e, "urlTitle"),
            ["query"] = Query(Value(e, "query")),
            ["clientInfo"] = null,
            ["device"] = null,
            ["deviceOsName"] = null,
            ["deviceBrand"] = null,
            ["deviceModel"] = null,
        };
        foreach (var (key, value) in e.Details.Where(d => !hit.ContainsKey(d.Key)))
            hit[key] = value;
        return new JsonObject { ["hit"] = hit };
    }

    /// <summary>A hit's query is stored as JSON text; Mautic answers it as the object of the hit's parameters.</summary>
    private static JsonNode? Query(string? value)
    {
        if (value is null || !value.StartsWith('{'))
            return value;
        try
        {
            return JsonNode.Parse(value) as JsonObject ?? (JsonNode?)value;
        }
        catch (JsonException)
        {
            return value;
        }
    }

    /// <summary>The IP as Mautic's <c>ipAddressList</c> serializer group writes the contact's IP address.</summary>
    private static JsonNode IpDetails(TimelineEvent e, string name)
        => new JsonObject { ["ipDetails"] = new JsonObject { ["ip"] = Value(e, "ipAddress") } };

    private static JsonNode? UtmLabel(TimelineEvent e, string name)
        => Value(e, "utmCampaign") is { Length: > 0 } campaign ? $"UTM Campaign: {campaign}" : name;

    /// <summary>Mautic's <c>details.utmtags</c>: the lead_utmtags row under its column names.</summary>
    private static JsonNode UtmDetails(TimelineEvent e, string name) => new JsonObject
    {
        ["utmtags"] = new JsonObject
        {
            ["id"] = Value(e, "id"),
            ["date_added"] = Timestamp(e.At),
            ["url"] = Value(e, "url"),
            ["utm_campaign"] = Value(e, "utmCampaign"),
            ["utm_content"] = Value(e, "utmContent"),
            ["utm_medium"] = Value(e, "utmMedium"),
            ["utm_source"] = Value(e, "utmSource"),
            ["utm_term"] = Value(e, "utmTerm"),
        },
    };

    private static string? Capitalised(string? text)
        => string.IsNullOrEmpty(text) ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));

    /// <summary>Mautic's <c>details.dnc</c>, the reason as its text.</summary>
    private static JsonNode DoNotContactDetails(TimelineEvent e, string name)
    {
        var reason = Value(e, "reason");
        var text = int.TryParse(reason, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number < DoNotContactReasons.Length
            ? DoNotContactReasons[number]
            : reason;
        return new JsonObject
        {
            ["dnc"] = new JsonObject
            {
                ["channel"] = Value(e, "channel"),
                ["reason"] = text,
                ["comments"] = Value(e, "comments"),
                ["date_added"] = Timestamp(e.At),
            },
        };
    }

    /// <summary>Mautic's label when the import's file is not known: the import's id.</summary>
    private static JsonNode? ImportLabel(TimelineEvent e, string name)
        => Value(e, "outcome") == "updated" ? $"Contact updated from {Value(e, "importId")}" : $"Contact imported from {Value(e, "importId")}";

    /// <summary>Mautic's lead_event_log row of the import, its top-level keys in camel case as the API writes them.</summary>
    private static JsonNode ImportDetails(TimelineEvent e, string name) => new JsonObject
    {
        ["bundle"] = "lead",
        ["object"] = "import",
        ["action"] = Value(e, "outcome"),
        ["objectId"] = Value(e, "importId"),
        ["properties"] = new JsonObject { ["line"] = Value(e, "line") },
        ["dateAdded"] = Timestamp(e.At),
    };

    /// <summary>Mautic's <c>details.log</c> of a points change; the points after it follow Mautic's keys.</summary>
    private static JsonNode PointDetails(TimelineEvent e, string name) => new JsonObject
    {
        ["log"] = new JsonObject
        {
            ["delta"] = Value(e, "delta"),
            ["dateAdded"] = Timestamp(e.At),
            ["points"] = Value(e, "points"),
        },
    };

    /// <summary>Mautic's <c>details.log</c> of a stage change.</summary>
    private static JsonNode StageDetails(TimelineEvent e, string name) => new JsonObject
    {
        ["log"] = new JsonObject
        {
            ["stageId"] = Value(e, "stageId"),
            ["dateAdded"] = Timestamp(e.At),
        },
    };
}
