using Actors.Interfaces.Contacts;

namespace Actors.Grains.Contacts;

/// <summary>
/// The merge rules (product decision 3): nothing of the loser is lost. Per field the most recently
/// modified non-empty value wins; points add up; sets and lists are united; dateAdded is the earliest,
/// lastActive the latest, dateIdentified the earliest that is set.
/// </summary>
internal static class ContactMerge
{
    public static void Fold(ContactState winner, ContactSnapshot loser)
    {
        foreach (var (alias, value) in loser.Fields)
        {
            if (string.IsNullOrEmpty(value))
                continue;
            var loserAt = loser.FieldModifiedAt.GetValueOrDefault(alias, loser.DateModified ?? DateTimeOffset.MinValue);
            var winnerHasValue = !string.IsNullOrEmpty(winner.Fields.GetValueOrDefault(alias));
            if (winnerHasValue && winner.FieldModifiedAt.GetValueOrDefault(alias, DateTimeOffset.MinValue) >= loserAt)
                continue;
            winner.Fields[alias] = value;
            winner.FieldModifiedAt[alias] = loserAt;
        }

        // A merge cannot be refused as an edit can, so a sum an int cannot hold stops at the nearest end, never wraps.
        winner.Points = (int)Math.Clamp((long)winner.Points + loser.Points, int.MinValue, int.MaxValue);
        winner.OwnerId ??= loser.OwnerId;
        winner.Stage ??= loser.Stage;
        winner.Tags.UnionWith(loser.Tags);
        winner.Ips.UnionWith(loser.Ips);
        winner.Devices.UnionWith(loser.Devices);
        winner.Identifiers.UnionWith(loser.Identifiers);
        winner.Segments.UnionWith(loser.Segments);
        winner.Categories.UnionWith(loser.Categories);
        foreach (var rule in loser.FrequencyRules)
            winner.FrequencyRules.TryAdd(rule.Channel, rule);
        winner.Notes.UnionWith(loser.Notes);
        foreach (var (campaign, joined) in loser.Campaigns)
            winner.Campaigns[campaign] = winner.Campaigns.TryGetValue(campaign, out var mine) && mine < joined ? mine : joined;
        ContactMemberships.UniteCompanies(winner.Companies, loser.Companies);
        winner.Utm = winner.Utm.Union(loser.Utm).ToList();
        foreach (var entry in loser.DoNotContact)
            ContactRules.AddDoNotContact(winner.DoNotContact, entry);

        winner.DateAdded = Earliest(winner.DateAdded, loser.DateAdded);
        winner.DateIdentified = Earliest(winner.DateIdentified, loser.DateIdentified);
        winner.LastActive = Latest(winner.LastActive, loser.LastActive);
        winner.DateModified = Latest(winner.DateModified, loser.DateModified);
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b)
        => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b)
        => a is null ? b : b is null ? a : a > b ? a : b;
}
