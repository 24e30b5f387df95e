using Actors.Interfaces.Companies;
using Actors.Interfaces.Users;

namespace Actors.Interfaces.Contacts;

/// <summary>
/// Everything a contact holds, copied out of its state: what the API shows and what a merge loser
/// hands to its winner. <see cref="FieldModifiedAt"/> lets a merge pick the most recent value per field.
/// </summary>
public sealed record ContactSnapshot
{
    public required long Id { get; init; }
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();
    public IReadOnlyDictionary<string, DateTimeOffset> FieldModifiedAt { get; init; } = new Dictionary<string, DateTimeOffset>();
    public IReadOnlyList<string> Tags { get; init; } = [];
    public int Points { get; init; }
    public long? OwnerId { get; init; }
    public string? Stage { get; init; }
    public IReadOnlyList<string> Ips { get; init; } = [];
    public IReadOnlyList<string> Devices { get; init; } = [];
    public IReadOnlyList<string> Identifiers { get; init; } = [];
    public IReadOnlyList<UtmRecord> Utm { get; init; } = [];
    public IReadOnlyList<DoNotContact> DoNotContact { get; init; } = [];
    public IReadOnlyList<long> Segments { get; init; } = [];

    /// <summary>When the contact joined each of its segments; a membership an older build stored has no entry.</summary>
    public IReadOnlyDictionary<long, DateTimeOffset> SegmentsJoined { get; init; } = new Dictionary<long, DateTimeOffset>();
    public IReadOnlyList<long> Categories { get; init; } = [];
    public IReadOnlyList<FrequencyRule> FrequencyRules { get; init; } = [];
    public IReadOnlyList<CompanyLink> Companies { get; init; } = [];
    public IReadOnlyDictionary<long, DateTimeOffset> Campaigns { get; init; } = new Dictionary<long, DateTimeOffset>();
    public IReadOnlyList<long> Notes { get; init; } = [];
    public DateTimeOffset? DateAdded { get; init; }
    public DateTimeOffset? DateModified { get; init; }
    public DateTimeOffset? DateIdentified { get; init; }
    public DateTimeOffset? LastActive { get; init; }

    /// <summary>The user whose write created the contact; null when a hit or an older build did.</summary>
    public ActingUser? CreatedBy { get; init; }

    /// <summary>The user whose write changed the contact last; null when none has since an older build.</summary>
    public ActingUser? ModifiedBy { get; init; }

    /// <summary>Set on a tombstone: the contact this one was merged into.</summary>
    public long? MergedInto { get; init; }

    public bool IsAnonymous => DateIdentified is null;
}
