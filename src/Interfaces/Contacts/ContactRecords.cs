namespace Actors.Interfaces.Contacts;

/// <summary>A UTM tag row (Mautic's lead_utmtags), recorded when a hit carries utm_* parameters.</summary>
public sealed record UtmRecord(
    DateTimeOffset At,
    string? Source,
    string? Medium,
    string? Campaign,
    string? Content,
    string? Term,
    string? Url,
    string? Referrer)
{
    /// <summary>The extra query parameters of the visit (the API's <c>query</c>, an array or a query string).</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();
    public string? UserAgent { get; init; }
    public string? RemoteHost { get; init; }
}

/// <summary>Mautic's do-not-contact reasons; 0 (contactable) is a removal, never a stored entry.</summary>
public enum DoNotContactReason
{
    Unsubscribed = 1,
    Bounced = 2,
    Manual = 3,
}

public sealed record DoNotContact(string Channel, DoNotContactReason Reason, string? Comments, DateTimeOffset At);

/// <summary>
/// One entry of a contact's activity history. Type uses Mautic's timeline keys (page.hit, lead.create,
/// lead.identified, lead.ipadded, lead.utmtagsadded, point.gained, ...) plus lead.merged and lead.tagsupdated.
/// </summary>
public sealed record TimelineEvent(long ContactId, string Type, DateTimeOffset At, IReadOnlyDictionary<string, string?> Details);
