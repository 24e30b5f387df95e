using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;

namespace Actors.Grains.Contacts;

/// <summary>Mautic's small rules about a contact's data, shared by hits, edits and merges.</summary>
internal static class ContactRules
{
    // MAUTIC-SPEC 2.3: these fields (and the default social-group ones) make a contact identified;
    // phone, mobile and custom fields do not.
    private static readonly string[] IdentifyingAliases =
        ["firstname", "lastname", "company", "email", "facebook", "foursquare", "instagram", "linkedin", "skype", "twitter"];

    public static bool IsIdentified(IReadOnlyDictionary<string, string?> fields)
        => IdentifyingAliases.Any(alias => !string.IsNullOrWhiteSpace(fields.GetValueOrDefault(alias)));

    /// <summary>Stamps dateIdentified the first time the contact is identified; it is never cleared.</summary>
    public static void CheckIdentified(ContactState state, DateTimeOffset at)
    {
        if (state.DateIdentified is null && IsIdentified(state.Fields))
            state.DateIdentified = at;
    }

    /// <summary>Adds a tag, or removes it when written "-tag" as tracking parameters allow.</summary>
    public static void ApplyTag(HashSet<string> tags, string tag)
    {
        var trimmed = tag.Trim();
        if (trimmed.StartsWith('-'))
            tags.Remove(trimmed[1..].Trim());
        else if (trimmed.Length > 0)
            tags.Add(trimmed);
    }

    /// <summary>
    /// One entry per channel, as Mautic's <c>DoNotContact::addDncForContact</c> keeps them: a channel without an entry
    /// gets one, a new reason replaces the old one unless that was an unsubscribe (the contact's own wish), and the
    /// reason the entry already has changes nothing, comments and date included. Answers whether the entry changed, as
    /// only then does Mautic write a row the timeline shows.
    /// </summary>
    public static bool AddDoNotContact(List<DoNotContact> entries, DoNotContact entry)
    {
        var existing = entries.FindIndex(e => string.Equals(e.Channel, entry.Channel, StringComparison.OrdinalIgnoreCase));
        if (existing >= 0 && (entries[existing].Reason == entry.Reason || entries[existing].Reason == DoNotContactReason.Unsubscribed))
            return false;
        if (existing < 0)
            entries.Add(entry);
        else
            entries[existing] = entry;
        return true;
    }

    /// <summary>
    /// The identifier keys that held a value an edit has just replaced: "email:old@example.com" once the email is
    /// new, and every AND-combined key with that part. Keys the contact holds for other values (its own untouched
    /// fields, or a merged loser's) stay: they must keep leading here.
    /// </summary>
    public static IReadOnlyList<string> DisplacedIdentifiers(IEnumerable<string> identifiers, IEnumerable<(string Alias, string OldValue)> replaced)
    {
        var oldKeys = replaced
            .Where(change => !string.IsNullOrWhiteSpace(change.OldValue))
            .Select(change => Interfaces.Identity.UniqueIdentifier.Normalize(change.Alias, change.OldValue))
            .ToHashSet(StringComparer.Ordinal);
        return identifiers.Where(key => key.Split('&').Any(oldKeys.Contains)).ToArray();
    }

    /// <summary>
    /// The edit with its <see cref="ContactEdit.TakeBackFields"/> that the contact still holds turned into clears of
    /// <see cref="ContactEdit.Fields"/>, so a taken-back value lets go of its identifiers as any cleared value does.
    /// </summary>
    public static ContactEdit WithTakenBackFields(ContactEdit edit, IReadOnlyDictionary<string, string?> current)
    {
        var held = edit.TakeBackFields.Where(field => string.Equals(current.GetValueOrDefault(field.Key), field.Value, StringComparison.Ordinal)).ToArray();
        if (held.Length == 0)
            return edit;
        var fields = new Dictionary<string, string?>(edit.Fields);
        foreach (var (alias, _) in held)
            fields[alias] = null;
        return edit with { Fields = fields, TakeBackFields = new Dictionary<string, string>() };
    }

    /// <summary>
    /// The field values <paramref name="edit"/> writes over <paramref name="current"/>: its values, then its defaults where
    /// the contact would hold none (only for a new contact when <see cref="ContactEdit.FieldDefaultsOnlyIfNew"/>). The
    /// contact writes these, and with And the writer works out from them the combination to claim, so the two agree.
    /// </summary>
    public static Dictionary<string, string?> FieldWrites(ContactEdit edit, IReadOnlyDictionary<string, string?> current, bool existed)
    {
        var writes = new Dictionary<string, string?>();
        foreach (var (alias, value) in edit.Fields)
        {
            if (!edit.KeepExistingValues || string.IsNullOrEmpty(current.GetValueOrDefault(alias)))
                writes[alias] = string.IsNullOrEmpty(value) ? null : value;
        }
        if (!edit.FieldDefaultsOnlyIfNew || !existed)
        {
            foreach (var (alias, value) in edit.FieldDefaults)
            {
                if (string.IsNullOrEmpty(writes.TryGetValue(alias, out var written) ? written : current.GetValueOrDefault(alias)))
                    writes[alias] = value;
            }
        }
        return writes;
    }

    /// <summary>
    /// The key of the combination of unique values (And mode) <paramref name="current"/> holds once
    /// <paramref name="writes"/> are written over it, or null when it holds none.
    /// </summary>
    public static string? CombinationAfter(IReadOnlyDictionary<string, string?> current, IReadOnlyDictionary<string, string?> writes,
        IReadOnlyList<string> combinedAliases)
    {
        var after = new Dictionary<string, string?>(current);
        foreach (var (alias, value) in writes)
            after[alias] = value;
        return CombinationOf(after, combinedAliases);
    }

    /// <summary>The key of the combination of unique values <paramref name="fields"/> hold (AND mode), or null when they hold none.</summary>
    public static string? CombinationOf(IReadOnlyDictionary<string, string?> fields, IReadOnlyList<string> combinedAliases)
        => TrackHit.IdentifiersOf(fields, combinedAliases, UniqueIdentifiersOperator.And) is [var key] ? key : null;

    /// <summary>
    /// The UTM row of a hit with utm_* parameters, as Mautic's setUtmTags writes it: the utm columns, url and referrer, and
    /// the hit's whole query, user agent and remote host. The remote host is the recorded client address (none when it is
    /// not recorded): Mautic stores REMOTE_HOST, a name only a web server doing reverse lookups has, and a hit here waits
    /// on no DNS.
    /// </summary>
    public static UtmRecord? UtmOf(PageHit hit)
    {
        if (hit.Utm.Count == 0)
            return null;
        return new UtmRecord(hit.At, hit.Utm.GetValueOrDefault("source"), hit.Utm.GetValueOrDefault("medium"),
            hit.Utm.GetValueOrDefault("campaign"), hit.Utm.GetValueOrDefault("content"), hit.Utm.GetValueOrDefault("term"),
            hit.Url, hit.Referrer)
        {
            Query = hit.Query,
            UserAgent = hit.UserAgent,
            RemoteHost = hit.Ip,
        };
    }

    public static ContactSnapshot Snapshot(long id, ContactState state) => new()
    {
        Id = id,
        Fields = new Dictionary<string, string?>(state.Fields),
        FieldModifiedAt = new Dictionary<string, DateTimeOffset>(state.FieldModifiedAt),
        Tags = state.Tags.Order(StringComparer.Ordinal).ToArray(),
        Points = state.Points,
        OwnerId = state.OwnerId,
        Stage = state.Stage,
        Ips = state.Ips.Order(StringComparer.Ordinal).ToArray(),
        Devices = state.Devices.Order(StringComparer.Ordinal).ToArray(),
        Identifiers = state.Identifiers.Order(StringComparer.Ordinal).ToArray(),
        Utm = state.Utm.ToArray(),
        DoNotContact = state.DoNotContact.ToArray(),
        Segments = state.Segments.Order().ToArray(),
        SegmentsJoined = new Dictionary<long, DateTimeOffset>(state.SegmentsJoined),
        Categories = state.Categories.Order().ToArray(),
        FrequencyRules = state.FrequencyRules.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Value).ToArray(),
        Companies = state.Companies.ToArray(),
        Campaigns = new Dictionary<long, DateTimeOffset>(state.Campaigns),
        Notes = state.Notes.Order().ToArray(),
        DateAdded = state.DateAdded,
        DateModified = state.DateModified,
        DateIdentified = state.DateIdentified,
        LastActive = state.LastActive,
        CreatedBy = state.CreatedBy,
        ModifiedBy = state.ModifiedBy,
        MergedInto = state.MergedInto,
    };
}
