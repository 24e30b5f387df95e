using Actors.Grains.Contacts;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Api.Json;
using Actors.Api.Fields;
using Actors.Grains.Fields;
using Actors.Interfaces.Fields;
using Actors.Interfaces.Companies;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Tags;
using Actors.Grains.Errors;
using Actors.Api.Errors;

namespace Actors.Api.Contacts;

/// <summary>
/// A contact body of the write endpoints (seed 004 "Create Contact"): field aliases plus the specials owner,
/// stage, tags (array or CSV, "-tag" removes), companies (an array of company ids the links become), points (sets
/// the value), doNotContact, frequencyRules (as answers show them, see <see cref="ChannelChanges.ReadRules"/>) and overwriteWithBlank.
/// Everything is checked here, at the edge, so the grain only ever sees a valid edit.
/// </summary>
public sealed record ContactPayload(ContactEdit Edit)
{
    private static readonly HashSet<string> Specials = new(StringComparer.OrdinalIgnoreCase)
        { "ipAddress", "lastActive", "owner", "stage", "tags", "companies", "points", "doNotContact", "frequencyRules", "overwriteWithBlank" };

    private const string LastActiveField = "last_active";

    /// <summary>
    /// The contact's own id, which Mautic's processForm drops from every body before binding it: clients send back a
    /// contact's <c>fields.all</c>, which holds it, and the id a write acts on is the route's (or a batch item's) alone.
    /// </summary>
    private const string IdMember = "id";

    /// <summary>Whether the body names nothing to write: no member, or its id alone.</summary>
    public static bool NamesNothing(JsonObject body) => body.All(member => member.Key.Equals(IdMember, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <paramref name="name"/> is one of the body's own members rather than a field alias.</summary>
    public static bool IsSpecial(string name) => Specials.Contains(name);

    /// <summary>
    /// The payload of the values the body gives rightly, every value it gives wrongly noted in <paramref name="problems"/>
    /// (Mautic's form validation reports each invalid field in one answer); or the 400 message and details of a body that
    /// is not a contact body at all (no object, a member named twice, unknown members, a bad overwriteWithBlank), whose
    /// values are then not read.
    /// </summary>
    /// <param name="fillDefaults">POST new and PUT: fields the body leaves out get their default value where the contact has none.</param>
    public static (ContactPayload? Payload, string? Error, JsonObject? Details) Read(
        JsonNode? body, FieldCatalogCache.Snapshot catalog, ContactOptions options, bool overwriteWithBlankByDefault, bool fillDefaults, DateTimeOffset at,
        FieldProblems problems)
    {
        if (body is not JsonObject whole)
            return Fail("The request body must be a JSON object of contact fields.");
        var members = whole.Where(member => !member.Key.Equals(IdMember, StringComparison.OrdinalIgnoreCase)).ToArray();
        // Names match without regard to case, as field aliases do, so two that differ only in case would name one
        // member twice, and one of the two values would be dropped without a word.
        // The last_active field is the lastActive member under its field alias (see ContactJson), so the two are one name.
        if (members.GroupBy(member => member.Key.Equals(LastActiveField, StringComparison.OrdinalIgnoreCase) ? "lastActive" : member.Key, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(names => names.Count() > 1) is { } repeated)
            return Fail($"The body names {EchoedInput.Cap(repeated.Key)} more than once ({EchoedInput.List(repeated.Select(member => member.Key))}).");
        var values = members.ToDictionary(member => member.Key, member => member.Value, StringComparer.OrdinalIgnoreCase);
        // An unpublished field is unknown to a body, as to Mautic's forms and API; contacts keep the values it holds.
        var unknown = values.Select(v => v.Key).Where(k => !Specials.Contains(k) && catalog.Find(k) is not { IsPublished: true }).ToArray();
        if (unknown.Length > 0)
            return Fail("Unknown contact fields: " + EchoedInput.List(unknown) + ".", new JsonObject { ["fields"] = new JsonArray(EchoedInput.Names(unknown).Select(u => (JsonNode)u).ToArray()) });

        if (!TryBool(values.GetValueOrDefault("overwriteWithBlank"), overwriteWithBlankByDefault, out var overwriteWithBlank))
            return Fail("overwriteWithBlank must be true or false.");
        var fields = new Dictionary<string, string?>();
        foreach (var (key, node) in values.Where(v => !Specials.Contains(v.Key) && !v.Key.Equals(LastActiveField, StringComparison.OrdinalIgnoreCase)))
        {
            var field = catalog.Find(key)!;
            if (!TryFieldText(field, node, out var value))
            {
                problems.Add(field.Alias, field.Type == "multiselect" ? "must be a value or a list of values." : "must be a single value.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(value))
            {
                // Mautic never lets a blank erase a value unless the caller asks for it.
                if (overwriteWithBlank)
                    fields[field.Alias] = null;
                continue;
            }
            var (stored, problem) = field.Type == "email" && !EmailAddress.LooksValid(value)
                ? (null, EmailAddress.Invalid)
                : FieldValueRules.Check(field, value, options.FieldLimits);
            if (problem is not null)
                problems.Add(field.Alias, problem);
            else
                fields[field.Alias] = stored;
        }
        var defaults = fillDefaults ? DefaultValues.LeftOutOf(catalog.Fields, values.ContainsKey) : new Dictionary<string, string>();

        if (!TryInt(values.GetValueOrDefault("points"), out var points))
            problems.Add("points", IsWholeNumber(values.GetValueOrDefault("points")) ? $"must be from {int.MinValue} to {int.MaxValue}." : "must be a whole number.");
        if (!TryLong(values.GetValueOrDefault("owner"), out var owner))
            problems.Add("owner", "must be a user id.");
        var stage = values.GetValueOrDefault("stage");
        if (stage is not null && stage is not JsonValue)
        {
            problems.Add("stage", "must be a stage id.");
            stage = null;
        }
        var ipText = Text(values.GetValueOrDefault("ipAddress"));
        // Kept in its one form, so another spelling of an address the contact has is not a second address.
        var ip = ipText is null ? null : IpAddressSpelling.Canonical(ipText);
        if (ipText is not null && ip is null)
            problems.Add("ipAddress", $"'{EchoedInput.Cap(ipText)}' is not an IP address spelled as tracking takes one (such as 203.0.113.9 or 2001:db8::1).");
        var lastActiveText = Text(values.GetValueOrDefault("lastActive") ?? values.GetValueOrDefault(LastActiveField));
        DateTimeOffset? lastActive = null;
        // Blank is no change: activity is never erased, and full bodies carry every field, empty ones too.
        if (!string.IsNullOrWhiteSpace(lastActiveText))
        {
            // Read as the last_active field's datetime values are, since it is that field.
            lastActive = DateSpelling.Moment(lastActiveText);
            if (lastActive is null)
                problems.Add("lastActive", "must be a date such as 2026-11-23 14:00:00.");
        }
        if (!TryTags(values.GetValueOrDefault("tags"), out var add, out var remove))
            problems.Add("tags", "must be an array of tags or a comma-separated string.");
        else if (add.Select(Tag.NameProblem).FirstOrDefault(problem => problem is not null) is { } badTag)
            problems.Add("tags", badTag);
        if (!TryCompanies(values.GetValueOrDefault("companies"), at, out var companies))
            problems.Add("companies", "must be an array of company ids.");
        var (doNotContact, contactable, dncError) = DoNotContactList(values.GetValueOrDefault("doNotContact"), at);
        if (dncError is not null)
            problems.Add("doNotContact", dncError);
        var rules = ChannelChanges.ReadRules(values.GetValueOrDefault("frequencyRules"));
        if (rules is null)
            problems.Add("frequencyRules", ChannelChanges.InvalidRules);
        var (setRules, removeRules) = rules ?? ([], []);

        return (new ContactPayload(new ContactEdit
        {
            At = at,
            Fields = fields,
            Points = points,
            Ip = ip,
            LastActive = lastActive,
            OwnerId = owner,
            // Named as null, the owner is cleared, as Mautic's lead.owner_id is set NULL; left out, it is kept.
            ClearOwner = values.TryGetValue("owner", out var ownerNamed) && ownerNamed is null,
            Stage = Text(stage),
            // Named as null, the stage is cleared, as Mautic's lead.stage_id is set NULL; left out, it is kept.
            ClearStage = values.TryGetValue("stage", out var stageNamed) && stageNamed is null,
            AddTags = add,
            RemoveTags = remove,
            SetCompanies = companies,
            DoNotContact = doNotContact,
            RemoveDoNotContact = contactable,
            SetFrequencyRules = setRules,
            RemoveFrequencyRules = removeRules,
            FieldDefaults = defaults,
        }), null, null);
    }

    private static (ContactPayload?, string?, JsonObject?) Fail(string message, JsonObject? details = null) => (null, message, details);

    /// <summary>
    /// A field's value as text: a single value, or for a multiselect also a list of them, joined by '|' as Mautic stores
    /// it (its PHP client sends one as ms[0]=a&amp;ms[1]=b, which the form reader turns into a list).
    /// </summary>
    private static bool TryFieldText(FieldDefinition field, JsonNode? node, out string? value)
    {
        value = null;
        if (node is JsonArray list)
        {
            if (list.Any(item => item is not JsonValue))
                return false;
            value = FieldValueRules.ListText(field, list.Select(item => Text(item)));
            return value is not null;
        }
        if (node is JsonObject)
            return false;
        value = Text(node);
        return true;
    }

    private static bool TryBool(JsonNode? node, bool fallback, out bool value)
    {
        value = fallback;
        if (node is null)
            return true;
        var text = Text(node);
        value = text is "true" or "1";
        return value || text is "false" or "0";
    }

    internal static bool TryInt(JsonNode? node, out int? value)
    {
        value = null;
        if (node is null)
            return true;
        if (node is JsonValue && int.TryParse(Text(node), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            value = parsed;
        return value is not null;
    }

    /// <summary>Whether the value is a whole number, of whatever size (to tell one out of range from one that is no number).</summary>
    private static bool IsWholeNumber(JsonNode? node)
        => node is JsonValue && System.Numerics.BigInteger.TryParse(Text(node), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    private static bool TryLong(JsonNode? node, out long? value)
    {
        value = null;
        if (node is null)
            return true;
        if (node is JsonValue && long.TryParse(Text(node), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
            value = parsed;
        return value is not null;
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(node))]
    internal static string? Text(JsonNode? node)
        => node is null ? null : node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();

    private static bool TryTags(JsonNode? node, out IReadOnlyList<string> add, out IReadOnlyList<string> remove)
    {
        add = remove = [];
        string[] tags;
        if (node is null)
            return true;
        if (node is JsonArray array && array.All(t => t?.GetValueKind() == JsonValueKind.String))
            tags = array.Select(t => t!.GetValue<string>()).ToArray();
        else if (node is JsonValue && node.GetValueKind() == JsonValueKind.String)
            tags = node.GetValue<string>().Split(',');
        else
            return false;
        var trimmed = tags.Select(t => t.Trim()).Where(t => t.Length > 0).ToArray();
        add = trimmed.Where(t => !t.StartsWith('-')).ToArray();
        remove = trimmed.Where(t => t.StartsWith('-')).Select(t => t[1..].Trim()).ToArray();
        return true;
    }

    /// <summary>
    /// The links a companies member asks for, by company id in the order given; their names are the companies' own,
    /// filled in once the ids are found (<see cref="ContactWriteContext"/>).
    /// </summary>
    private static bool TryCompanies(JsonNode? node, DateTimeOffset at, out IReadOnlyList<CompanyLink>? companies)
    {
        companies = null;
        if (node is null)
            return true;
        if (node is not JsonArray array)
            return false;
        var links = new List<CompanyLink>();
        foreach (var item in array)
        {
            if (!TryLong(item, out var id) || id is null)
                return false;
            links.Add(new CompanyLink(id.Value, null, at, IsPrimary: false));
        }
        companies = links;
        return true;
    }

    /// <summary>The entries to add, and the channels a reason of 0 (contactable) takes off the list, as Mautic reads them.</summary>
    private static (IReadOnlyList<DoNotContact>, IReadOnlyList<string>, string?) DoNotContactList(JsonNode? node, DateTimeOffset at)
    {
        const string Shape = "must be an array of {channel, reason, comments}.";
        if (node is null)
            return ([], [], null);
        if (node is not JsonArray array)
            return ([], [], Shape);
        var entries = new List<DoNotContact>();
        var contactable = new List<string>();
        foreach (var item in array)
        {
            if (item is not JsonObject entry)
                return ([], [], Shape);
            if (!TryInt(entry["reason"], out var reason))
                return ([], [], $"reason must be a whole number: 0 makes the channel contactable again, 1 to {DoNotContact.MaxReason} is a reason (1 unsubscribed, 2 bounced, 3 manual).");
            if (!JsonText.TryString(entry["channel"], out var channel))
                return ([], [], DoNotContactEntry.InvalidChannel);
            if (reason == 0)
            {
                if (DoNotContactEntry.ChannelOrEmail(channel) is not { } name)
                    return ([], [], DoNotContactEntry.InvalidChannel);
                contactable.Add(name);
                continue;
            }
            var (dnc, error) = DoNotContactEntry.Create(channel, reason, entry["comments"] is { } comments ? Text(comments) : null, at);
            if (dnc is null)
                return ([], [], error);
            entries.Add(dnc);
        }
        return (entries, contactable, null);
    }
}
