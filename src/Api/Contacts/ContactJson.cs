using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Grains.Fields;
using Actors.Grains.Imports;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Fields;

namespace Actors.Api.Contacts;

/// <summary>
/// Writes a contact in Mautic's JSON shape (seed 004 "Get Contact", MAUTIC-SPEC 3.3): fields grouped
/// by field group with their definitions and values, plus "all" as alias → value; nulls are written;
/// points are an integer; dates are ISO-8601 with offset.
/// </summary>
public static class ContactJson
{
    private static readonly string[] Groups = ["core", "social", "personal", "professional"];

    /// <param name="references">
    /// The users, stages and tags the contact points at, knowing its tags' ids (<see cref="ContactReferences.GetAsync(IEnumerable{string})"/>);
    /// without them owner and stage carry only what the contact stores and tags have no id.
    /// </param>
    public static JsonObject Write(ContactSnapshot contact, IReadOnlyList<FieldDefinition> catalog, ContactReferences.Snapshot? references = null)
    {
        var groups = Groups.ToDictionary(g => g, _ => new JsonObject());
        var all = new JsonObject { ["id"] = contact.Id };
        foreach (var field in catalog.Where(f => f.IsPublished))
        {
            // Points and last_active are the contact's own members, as in Mautic, where each is one column shown both
            // as a member and as a field: a value stored under the alias would contradict the member.
            var value = field.Alias switch
            {
                "points" => contact.Points.ToString(CultureInfo.InvariantCulture),
                "last_active" => contact.LastActive is { } active ? ImportValues.DateTimeText(active) : null,
                // Only what is stored, as search, where and export see it: defaults are stored when a contact is written
                // (MAUTIC-SPEC 3.7), so a contact from before a field existed holds none.
                _ => contact.Fields.GetValueOrDefault(field.Alias),
            };
            all[field.Alias] = Typed(field, value);
            if (!groups.TryGetValue(field.Group, out var group))
                groups[field.Group] = group = new JsonObject();
            group[field.Alias] = new JsonObject
            {
                ["id"] = field.Id.ToString(CultureInfo.InvariantCulture),
                ["label"] = field.Label,
                ["alias"] = field.Alias,
                ["type"] = field.Type,
                ["group"] = field.Group,
                ["object"] = "lead",
                // Mautic's isFixed: a field the product ships, whatever group an operator's own field is put in.
                ["is_fixed"] = CoreFields.Contains(field.Alias) ? "1" : "0",
                ["properties"] = JsonNode.Parse(field.Properties),
                ["default_value"] = field.DefaultValue,
                ["value"] = Typed(field, value),
                // Mautic normalises the value it read, a number already cast: labels for the types that have them, "" for none.
                ["normalizedValue"] = value is null ? "" : NormalizedValues.Labels(field) ? NormalizedValues.Of(field, value) : Typed(field, value),
            };
        }

        var fields = new JsonObject();
        foreach (var (name, group) in groups)
            fields[name] = group.Count == 0 && name is "personal" or "professional" ? new JsonArray() : group;
        fields["all"] = all;

        var ipAddresses = new JsonObject();
        foreach (var ip in contact.Ips)
            ipAddresses[ip] = new JsonObject { ["ipAddress"] = ip, ["ipDetails"] = EmptyIpDetails() };

        return new JsonObject
        {
            ["id"] = contact.Id,
            ["isPublished"] = true,
            ["dateAdded"] = Date(contact.DateAdded),
            ["dateModified"] = Date(contact.DateModified),
            ["createdBy"] = contact.CreatedBy?.Id,
            ["createdByUser"] = contact.CreatedBy?.Name,
            ["modifiedBy"] = contact.ModifiedBy?.Id,
            ["modifiedByUser"] = contact.ModifiedBy?.Name,
            ["owner"] = Owner(contact.OwnerId, references),
            ["points"] = contact.Points,
            ["color"] = null,
            ["lastActive"] = Date(contact.LastActive),
            ["dateIdentified"] = Date(contact.DateIdentified),
            ["preferredProfileImage"] = "gravatar",
            ["fields"] = fields,
            ["ipAddresses"] = contact.Ips.Count == 0 ? new JsonArray() : ipAddresses,
            ["tags"] = new JsonArray(contact.Tags.Select(tag => (JsonNode)new JsonObject { ["id"] = references?.TagId(tag), ["tag"] = tag }).ToArray()),
            ["utmtags"] = new JsonArray(contact.Utm.Select(utm => (JsonNode)Utm(utm)).ToArray()),
            ["stage"] = Stage(contact.Stage, references),
            ["doNotContact"] = new JsonArray(contact.DoNotContact.Select((dnc, i) => (JsonNode)DoNotContact(dnc, i + 1)).ToArray()),
            ["frequencyRules"] = FrequencyRules(contact.FrequencyRules),
        };
    }

    // A deleted user or stage is no owner or stage, as Mautic's foreign keys set them to NULL.
    private static JsonObject? Owner(long? ownerId, ContactReferences.Snapshot? references) => ownerId switch
    {
        null => null,
        { } id when references is null => new JsonObject { ["id"] = id },
        { } id => references.User(id) is { } user
            ? new JsonObject { ["id"] = user.Id, ["username"] = user.Username, ["firstName"] = user.FirstName, ["lastName"] = user.LastName }
            : null,
    };

    private static JsonObject? Stage(string? stageId, ContactReferences.Snapshot? references) => stageId switch
    {
        null => null,
        _ when references is null => new JsonObject { ["id"] = stageId },
        _ => references.Stage(stageId) is { } stage
            ? new JsonObject { ["id"] = stage.Id, ["name"] = stage.Name, ["weight"] = stage.Weight, ["description"] = stage.Description }
            : null,
    };

    private static JsonNode? Typed(FieldDefinition field, string? value)
    {
        if (value is null)
            return null;
        if (field.Type == "number" || field.Alias == "points")
        {
            if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
                return whole;
            // A non-finite number stored before writes refused them cannot be written as JSON: it reads as no value.
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
                return double.IsFinite(real) ? real : null;
        }
        return value;
    }

    internal static string? Date(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static JsonObject EmptyIpDetails() => new()
    {
        ["city"] = "", ["region"] = "", ["zipcode"] = "", ["country"] = "", ["latitude"] = "", ["longitude"] = "",
        ["isp"] = "", ["organization"] = "", ["timezone"] = "", ["extra"] = "",
    };

    private static JsonObject Utm(UtmRecord utm) => new()
    {
        ["id"] = utm.Id,
        ["dateAdded"] = Date(utm.At),
        ["utmSource"] = utm.Source,
        ["utmMedium"] = utm.Medium,
        ["utmCampaign"] = utm.Campaign,
        ["utmContent"] = utm.Content,
        ["utmTerm"] = utm.Term,
        ["url"] = utm.Url,
        ["referer"] = utm.Referrer,
        ["query"] = new JsonObject(utm.Query.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
        ["userAgent"] = utm.UserAgent,
        ["remoteHost"] = utm.RemoteHost,
    };

    // Mautic's contact indexes its rules by channel, so they serialize as an object keyed by channel, and as the [] of
    // an empty PHP array when there are none.
    private static JsonNode FrequencyRules(IReadOnlyList<FrequencyRule> rules) => rules.Count == 0
        ? new JsonArray()
        : new JsonObject(rules.Select(rule => KeyValuePair.Create(rule.Channel, (JsonNode?)FrequencyRule(rule))));

    // The members of Mautic's FrequencyRule list group; the unit as Mautic's constants (DAY, WEEK, MONTH). This service
    // keeps no preferred channel or pause, so those are Mautic's defaults.
    private static JsonObject FrequencyRule(FrequencyRule rule) => new()
    {
        ["channel"] = rule.Channel,
        ["frequencyNumber"] = rule.Number,
        ["frequencyTime"] = rule.Unit.ToString().ToUpperInvariant(),
        ["preferredChannel"] = false,
        ["pauseFromDate"] = null,
        ["pauseToDate"] = null,
    };

    private static JsonObject DoNotContact(DoNotContact dnc, int id) => new()
    {
        ["id"] = id,
        ["dateAdded"] = Date(dnc.At),
        ["reason"] = (int)dnc.Reason,
        ["comments"] = dnc.Comments,
        ["channel"] = dnc.Channel,
        ["channelId"] = null,
    };
}
