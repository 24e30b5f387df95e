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
    /// <summary>
    /// The row's id, unique across the cluster and kept for life, as Mautic's lead_utmtags.id (the API's utmtags[].id and
    /// utm/{utmId}/remove): given when the row is recorded, 0 until then and in rows older builds stored.
    /// </summary>
    public long Id { get; init; }

    /// <summary>The extra query parameters of the visit (the API's <c>query</c>, an array or a query string).</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();
    public string? UserAgent { get; init; }
    public string? RemoteHost { get; init; }

    /// <summary>
    /// Equal rows hold equal ids and values, the query compared by its entries: a row read back from storage holds a new
    /// dictionary, which the record's default equality would count as different.
    /// </summary>
    public bool Equals(UtmRecord? other)
        => other is not null && Id == other.Id && At == other.At && Source == other.Source && Medium == other.Medium && Campaign == other.Campaign
            && Content == other.Content && Term == other.Term && Url == other.Url && Referrer == other.Referrer
            && UserAgent == other.UserAgent && RemoteHost == other.RemoteHost
            && Query.Count == other.Query.Count
            && Query.All(entry => other.Query.TryGetValue(entry.Key, out var value) && value == entry.Value);

    public override int GetHashCode() => HashCode.Combine(Id, At, Source, Medium, Campaign, Url, Query.Count);
}

/// <summary>
/// Mautic's do-not-contact reasons; 0 (contactable) is a removal, never a stored entry. These three are the ones Mautic
/// names, but an entry may hold any other code <see cref="DoNotContact.IsReason"/> allows, as Mautic's API stores one.
/// </summary>
public enum DoNotContactReason
{
    Unsubscribed = 1,
    Bounced = 2,
    Manual = 3,
}

public sealed record DoNotContact(string Channel, DoNotContactReason Reason, string? Comments, DateTimeOffset At)
{
    /// <summary>The highest reason code: Mautic keeps the reason in a SMALLINT column.</summary>
    public const int MaxReason = short.MaxValue;

    /// <summary>
    /// Whether <paramref name="code"/> can be a stored entry's reason: Mautic's API refuses only 0 (and what PHP's (int)
    /// reads as 0), its message asking for an integer higher than 0, and stores any code its column holds.
    /// </summary>
    public static bool IsReason(int code) => code is > 0 and <= MaxReason;
}

/// <summary>
/// One entry of a contact's activity history. Type uses Mautic's timeline keys (page.hit, lead.create,
/// lead.identified, lead.ipadded, lead.utmtagsadded, point.gained, ...) plus lead.merged and lead.tagsupdated.
/// </summary>
public sealed record TimelineEvent(long ContactId, string Type, DateTimeOffset At, IReadOnlyDictionary<string, string?> Details);
