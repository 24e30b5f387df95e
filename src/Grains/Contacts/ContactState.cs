using Actors.Interfaces.Companies;
using System.Text.Json.Serialization;
using Actors.Grains.Storage.Contacts;
using Actors.Interfaces.Contacts;

namespace Actors.Grains.Contacts;

/// <summary>
/// What a contact grain stores. Its history is not here: it goes to the timeline, stored with the change that made it
/// (<see cref="ITimelineOutbox"/>).
/// </summary>
internal sealed class ContactState : ITimelineOutbox
{
    /// <summary>The timeline entries of the change being stored; never stored with the state itself.</summary>
    [JsonIgnore]
    public List<TimelineEvent> PendingTimeline { get; } = [];

    /// <summary>Null until the contact's first hit or edit: the contact does not exist yet.</summary>
    public DateTimeOffset? DateAdded { get; set; }
    public DateTimeOffset? DateModified { get; set; }
    public DateTimeOffset? DateIdentified { get; set; }
    public DateTimeOffset? LastActive { get; set; }
    public Dictionary<string, string?> Fields { get; set; } = [];
    public Dictionary<string, DateTimeOffset> FieldModifiedAt { get; set; } = [];
    /// <summary>
    /// Tag names, told apart without regard to case as the tag catalog and search tell them apart: a contact holds "VIP"
    /// once however it is spelt, and a rename or delete of the tag reaches every spelling. Whatever set is stored (one
    /// an older build kept, with case twins) is read into such a set.
    /// </summary>
    public HashSet<string> Tags
    {
        get => _tags;
        set => _tags = new HashSet<string>(value, StringComparer.OrdinalIgnoreCase);
    }

    private HashSet<string> _tags = new(StringComparer.OrdinalIgnoreCase);
    public int Points { get; set; }
    public long? OwnerId { get; set; }
    public string? Stage { get; set; }
    public HashSet<string> Ips { get; set; } = [];
    public HashSet<string> Devices { get; set; } = [];
    public HashSet<string> Identifiers { get; set; } = [];
    public List<UtmRecord> Utm { get; set; } = [];
    public List<DoNotContact> DoNotContact { get; set; } = [];
    public HashSet<long> Segments { get; set; } = [];

    /// <summary>Category ids the contact is in (the contact list's "Change categories" batch action).</summary>
    public HashSet<long> Categories { get; set; } = [];

    /// <summary>Frequency rules by lower-case channel name.</summary>
    public Dictionary<string, FrequencyRule> FrequencyRules { get; set; } = [];
    public List<CompanyLink> Companies { get; set; } = [];

    /// <summary>Campaign memberships: campaign id and when the contact joined.</summary>
    public Dictionary<long, DateTimeOffset> Campaigns { get; set; } = [];

    /// <summary>Ids of the notes about this contact; each note grain holds its text.</summary>
    public HashSet<long> Notes { get; set; } = [];

    /// <summary>Set once the contact is deleted: it holds nothing, takes no writes and takes no part in merges.</summary>
    public DateTimeOffset? DateDeleted { get; set; }

    /// <summary>Set once this contact has been merged away: it is a tombstone redirecting to that contact.</summary>
    public long? MergedInto { get; set; }

    /// <summary>Losers already folded into this contact, so a repeated merge request adds nothing twice.</summary>
    public HashSet<long> Absorbed { get; set; } = [];

    /// <summary>The merge this contact is in the middle of, recorded before its first step.</summary>
    public PendingMerge? PendingMerge { get; set; }

    /// <summary>By import id, the rows of that import this contact took, so a replayed row is applied once.</summary>
    public Dictionary<string, ImportedRows> Imports { get; set; } = [];
}

internal sealed class ImportedRows
{
    /// <summary>The line that brought the contact into existence, when an import row did.</summary>
    public long? InsertedAtLine { get; set; }
    public HashSet<long> Lines { get; set; } = [];
}

internal sealed class PendingMerge
{
    public long LoserId { get; set; }
    public MergeStep Step { get; set; }

    /// <summary>Captured when the loser surrenders; the later steps redirect these to the winner.</summary>
    public List<string> LoserIdentifiers { get; set; } = [];
    public List<string> LoserDevices { get; set; } = [];
    public List<long> LoserNotes { get; set; } = [];
}

/// <summary>The steps of a merge, in order. Each is stored as done before the next starts.</summary>
internal enum MergeStep
{
    Surrender,
    RedirectIdentifiers,
    MoveDevices,
    MoveHistory,
    MoveNotes,
}
