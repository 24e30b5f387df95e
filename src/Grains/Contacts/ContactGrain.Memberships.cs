using System.Globalization;

namespace Actors.Grains.Contacts;

/// <summary>The contact's companies, campaigns, categories, frequency rules and notes as an edit changes them.</summary>
internal sealed partial class ContactGrain
{
    private void ApplyMemberships(Interfaces.Contacts.ContactEdit edit, ContactEvents events)
    {
        // The primary company names the contact's company field, as in Mautic.
        if (edit.LinkCompany is { } link)
            SetField("company", ContactMemberships.Link(State.Writable.Companies, link).CompanyName, edit.At);
        if (edit.UnlinkCompany is { } companyId)
            UnlinkCompany(companyId, edit.At);
        if (edit.SetCompanies is { } companies && ContactMemberships.Replace(State.Writable.Companies, companies, out var replacedPrimary))
            SetField("company", replacedPrimary?.CompanyName, edit.At);
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

    /// <summary>The next link becomes primary and names the company field.</summary>
    private void UnlinkCompany(long companyId, DateTimeOffset at)
    {
        if (ContactMemberships.Unlink(State.Writable.Companies, companyId, out var primary))
            SetField("company", primary?.CompanyName, at);
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
