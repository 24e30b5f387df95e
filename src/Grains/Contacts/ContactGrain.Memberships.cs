using System.Globalization;

namespace Actors.Grains.Contacts;

/// <summary>The contact's companies, campaigns, categories, frequency rules and notes as an edit changes them.</summary>
internal sealed partial class ContactGrain
{
    private const string CompanyField = "company";

    private void ApplyMemberships(Interfaces.Contacts.ContactEdit edit, ContactEvents events)
    {
        ApplyCompanies(edit);
        foreach (var campaign in edit.JoinCampaigns.Where(c => State.Writable.Campaigns.TryAdd(c, edit.At)))
            events.Add("campaign_membership", ("campaignId", Text(campaign)), ("action", "added"));
        foreach (var campaign in edit.LeaveCampaigns.Where(c => State.Writable.Campaigns.Remove(c)))
            events.Add("campaign_membership", ("campaignId", Text(campaign)), ("action", "removed"));
        foreach (var category in edit.AddCategories.Where(c => State.Writable.Categories.Add(c)))
            events.Add("category_membership", ("categoryId", Text(category)), ("action", "added"));
        foreach (var category in edit.RemoveCategories.Where(c => State.Writable.Categories.Remove(c)))
            events.Add("category_membership", ("categoryId", Text(category)), ("action", "removed"));
        foreach (var rule in edit.SetFrequencyRules)
            State.Writable.FrequencyRules[rule.Channel.ToLowerInvariant()] = rule with { Channel = rule.Channel.ToLowerInvariant() };
        foreach (var channel in edit.RemoveFrequencyRules)
            State.Writable.FrequencyRules.Remove(channel.ToLowerInvariant());
        if (edit.AddNote is { } note && State.Writable.Notes.Add(note.NoteId))
            events.Add("lead.note", ("noteId", Text(note.NoteId)), ("type", note.Type), ("text", note.Text),
                ("dateTime", note.DateTime.ToString("O", CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// The primary company names the contact's company field, as in Mautic. A link names it; a change that only moves
    /// the primary (an unlink, a rename) names it only when it named the primary before, so a value the field held of
    /// its own (written by an older build) is not overwritten by a company it never named.
    /// </summary>
    private void ApplyCompanies(Interfaces.Contacts.ContactEdit edit)
    {
        // State.Writable.Companies only where an edit names companies: reaching it makes the collection one the contact
        // stores, and most contacts (anonymous visitors) have none.
        if (edit.SetCompanies is { } companies)
            FollowPrimary(() => ContactMemberships.Replace(State.Writable.Companies, companies, out _), edit.At);
        if (edit.UnlinkCompany is { } companyId)
            UnlinkCompany(companyId, edit.At);
        if (edit.RenameCompany is { } rename)
            FollowPrimary(() => ContactMemberships.Rename(State.Writable.Companies, rename), edit.At);
        if (edit.LinkCompany is { } link)
            SetField(CompanyField, ContactMemberships.Link(State.Writable.Companies, link).CompanyName, edit.At);
    }

    private void UnlinkCompany(long companyId, DateTimeOffset at)
        => FollowPrimary(() => ContactMemberships.Unlink(State.Writable.Companies, companyId, out _), at);

    /// <summary>
    /// Runs <paramref name="change"/> on the links; the company field then names the primary link when it named the
    /// primary before, or when the change linked the company that is primary now.
    /// </summary>
    private void FollowPrimary(Func<bool> change, DateTimeOffset at)
    {
        var before = ContactMemberships.Primary(State.Companies);
        var wasLinked = State.Companies.Select(l => l.CompanyId).ToHashSet();
        var named = before is not null && string.Equals(State.Fields.GetValueOrDefault(CompanyField), before.CompanyName, StringComparison.OrdinalIgnoreCase);
        if (!change())
            return;
        var after = ContactMemberships.Primary(State.Companies);
        if (named || (after is not null && !wasLinked.Contains(after.CompanyId)))
            SetField(CompanyField, after?.CompanyName, at);
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
