namespace Actors.Grains.Storage.Events;

/// <summary>
/// A page of one contact's timeline (or, with a null <see cref="ContactId"/>, of every contact's), newest first unless
/// <see cref="Ascending"/>, as Mautic's activity endpoints ask for it: optional event types to include or exclude, an
/// inclusive time range, a search over the type and details, and a 1-based page of <see cref="Limit"/> events.
/// </summary>
public sealed record EventQuery(long? ContactId)
{
    /// <summary>Mautic's default page size for a timeline.</summary>
    public const int DefaultLimit = 25;

    /// <summary>1-based page number. Default 1.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Events per page. Default <see cref="DefaultLimit"/>.</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>When not empty, only these event types.</summary>
    public IReadOnlyCollection<string> IncludeTypes { get; init; } = [];

    /// <summary>Event types left out.</summary>
    public IReadOnlyCollection<string> ExcludeTypes { get; init; } = [];

    /// <summary>Earliest time included, if any.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Latest time included, if any.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>When set, only events whose type or details contain it, ignoring case.</summary>
    public string? Search { get; init; }

    /// <summary>Oldest first instead of newest first.</summary>
    public bool Ascending { get; init; }

    public long Offset => (long)(Page - 1) * Limit;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Page, 1, nameof(Page));
        ArgumentOutOfRangeException.ThrowIfLessThan(Limit, 1, nameof(Limit));
    }
}

/// <summary>One page of a timeline and the number of events that match the query across all pages.</summary>
public sealed record EventPage(IReadOnlyList<StoredEvent> Events, long Total);
