using Actors.Interfaces.Identity;

namespace Actors.Interfaces.Contacts;

/// <summary>
/// One tracked page view as the contact records it. The front end fills the page data and the
/// publicly updatable field values (already filtered by the field catalog); the device adds its own
/// id and the unique identifiers its contact owns, so the contact can redirect them if it is ever merged.
/// </summary>
public sealed record PageHit
{
    public required DateTimeOffset At { get; init; }
    public string? Url { get; init; }
    public string? Title { get; init; }
    public string? Referrer { get; init; }
    public string? Language { get; init; }
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }

    /// <summary>Tags to add; a leading '-' removes the tag instead, as in Mautic's tracking parameters.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>utm_* values without the prefix (source, medium, campaign, content, term).</summary>
    public IReadOnlyDictionary<string, string> Utm { get; init; } = new Dictionary<string, string>();

    /// <summary>Publicly updatable field values; blanks never overwrite a stored value.</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();

    /// <summary>Every parameter the hit carried (after merging page_url's own query), for the timeline.</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    /// <summary>The browser's timezone, or one guessed from its UTC offset; set only on a contact without one, never replacing it.</summary>
    public string? GuessedTimezone { get; init; }

    public string? DeviceId { get; init; }

    /// <summary>
    /// The unique values the index says this contact owns, each key (see UniqueIdentifier) with the fields among
    /// <see cref="Fields"/> whose values make it up. A hit sets such a field only where the contact has no value yet: a
    /// contact can own several values of one field (a merged loser's too), and a hit naming one of them, or its own in
    /// another case, must not replace the value the contact shows. A claim of another value of a field the contact shows
    /// one of, and does not own, is someone else's: the contact then records nothing (<see cref="HitOutcome.SomeoneElse"/>).
    /// </summary>
    public IReadOnlyList<IdentifierClaim> Claims { get; init; } = [];

    /// <summary>
    /// The unique fields when they identify a contact only together (Contacts:UniqueIdentifiersOperator=And), else null:
    /// the contact then owns the key of the combination the hit leaves it holding and frees the one it leaves.
    /// </summary>
    public IReadOnlyList<string>? CombinedUniqueAliases { get; init; }
}
