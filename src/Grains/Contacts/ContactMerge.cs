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
            winner.Writable.Fields[alias] = value;
            winner.Writable.FieldModifiedAt[alias] = loserAt;
        }

        // A merge cannot be refused as an edit can, so a sum an int cannot hold stops at the nearest end, never wraps.
        winner.Points = (int)Math.Clamp((long)winner.Points + loser.Points, int.MinValue, int.MaxValue);
        winner.OwnerId ??= loser.OwnerId;
        winner.Stage ??= loser.Stage;
        Unite(() => winner.Writable.Tags, loser.Tags);
        Unite(() => winner.Writable.Ips, loser.Ips);
        Unite(() => winner.Writable.Devices, loser.Devices);
        Unite(() => winner.Writable.Identifiers, loser.Identifiers);
        Unite(() => winner.Writable.Segments, loser.Segments);
        // A segment both were in was joined when the first of them joined it.
        foreach (var (segment, joined) in loser.SegmentsJoined)
        {
            if (!winner.SegmentsJoined.TryGetValue(segment, out var mine) || joined < mine)
                winner.Writable.SegmentsJoined[segment] = joined;
        }
        Unite(() => winner.Writable.Categories, loser.Categories);
        foreach (var rule in loser.FrequencyRules)
            winner.Writable.FrequencyRules.TryAdd(rule.Channel, rule);
        Unite(() => winner.Writable.Notes, loser.Notes);
        foreach (var (campaign, joined) in loser.Campaigns)
            winner.Writable.Campaigns[campaign] = winner.Campaigns.TryGetValue(campaign, out var mine) && mine < joined ? mine : joined;
        // A loser without links changes nothing: the winner's own links already have their primary.
        if (loser.Companies.Count > 0)
            ContactMemberships.UniteCompanies(winner.Writable.Companies, loser.Companies, winner.Fields.GetValueOrDefault("company"));
        // With their ids, which no row of the winner has (UtmIdSource), so a loser's id still finds its row; a row the
        // winner holds already came from this loser in an earlier run of the step.
        foreach (var utm in loser.Utm.Where(utm => !winner.Utm.Any(held => held.Id == utm.Id)))
            winner.Writable.Utm.Add(utm);
        foreach (var entry in loser.DoNotContact)
            ContactRules.AddDoNotContact(winner.Writable.DoNotContact, entry);

        winner.DateAdded = Earliest(winner.DateAdded, loser.DateAdded);
        winner.DateIdentified = Earliest(winner.DateIdentified, loser.DateIdentified);
        winner.LastActive = Latest(winner.LastActive, loser.LastActive);
        winner.DateModified = Latest(winner.DateModified, loser.DateModified);
    }

    /// <summary>Item by item, so a set the loser has nothing in is not made on the winner (see ContactState).</summary>
    private static void Unite<T>(Func<HashSet<T>> winner, IReadOnlyList<T> loser)
    {
        foreach (var item in loser)
            winner().Add(item);
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b)
        => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b)
        => a is null ? b : b is null ? a : a > b ? a : b;
}
