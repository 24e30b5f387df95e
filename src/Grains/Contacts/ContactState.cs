using Actors.Interfaces.Companies;
using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Actors.Grains.Storage.Contacts;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Tags;
using Actors.Interfaces.Users;
using static System.Text.Json.Serialization.JsonIgnoreCondition;

namespace Actors.Grains.Contacts;

/// <summary>
/// What a contact grain stores. Its history is not here: it goes to the timeline, stored with the change that made it
/// (<see cref="ITimelineOutbox"/>).
/// </summary>
/// <remarks>
/// A silo holds hundreds of thousands of contacts, most of them anonymous visitors with an address and a device, so a
/// collection is made when something is first put in it (through <see cref="Writable"/>) and until then reads as a
/// shared empty one and is left out of the stored payload. Leaving one out reads back as empty in every build.
/// </remarks>
internal sealed partial class ContactState : ITimelineOutbox, IJsonOnDeserialized
{
    /// <summary>The timeline entries of the change being stored; never stored with the state itself.</summary>
    [JsonIgnore]
    public List<TimelineEvent> PendingTimeline { get; } = [];

    /// <summary>Null until the contact's first hit or edit: the contact does not exist yet.</summary>
    public DateTimeOffset? DateAdded { get; set; }
    public DateTimeOffset? DateModified { get; set; }
    public DateTimeOffset? DateIdentified { get; set; }
    public DateTimeOffset? LastActive { get; set; }
    public int Points { get; set; }
    public long? OwnerId { get; set; }
    public string? Stage { get; set; }

    /// <summary>
    /// The users whose writes created the contact and changed it last (see ContactEdit.By); left out of the payload while
    /// null, as for the many contacts tracking alone made, and null in every contact an older build stored.
    /// </summary>
    [JsonIgnore(Condition = WhenWritingNull)] public ActingUser? CreatedBy { get; set; }
    [JsonIgnore(Condition = WhenWritingNull)] public ActingUser? ModifiedBy { get; set; }

    /// <summary>Set once the contact is deleted: it holds nothing, takes no writes and takes no part in merges.</summary>
    public DateTimeOffset? DateDeleted { get; set; }

    /// <summary>Set once this contact has been merged away: it is a tombstone redirecting to that contact.</summary>
    public long? MergedInto { get; set; }

    /// <summary>The merge this contact is in the middle of, recorded before its first step.</summary>
    public PendingMerge? PendingMerge { get; set; }

    [JsonIgnore] public IReadOnlyDictionary<string, string?> Fields => _fields ?? None<string, string?>.Dictionary;
    [JsonIgnore] public IReadOnlyDictionary<string, DateTimeOffset> FieldModifiedAt => _fieldModifiedAt ?? None<string, DateTimeOffset>.Dictionary;

    /// <summary>
    /// Tag names, told apart without regard to case as the tag catalog and search tell them apart: a contact holds "VIP"
    /// once however it is spelt, and a rename or delete of the tag reaches every spelling. Whatever set is stored (one
    /// an older build kept, with case twins) is read into such a set.
    /// </summary>
    [JsonIgnore] public IReadOnlySet<string> Tags => _tags ?? None<string>.Set;
    [JsonIgnore] public IReadOnlySet<string> Ips => _ips ?? None<string>.Set;
    [JsonIgnore] public IReadOnlySet<string> Devices => _devices ?? None<string>.Set;
    [JsonIgnore] public IReadOnlySet<string> Identifiers => _identifiers ?? None<string>.Set;
    [JsonIgnore] public IReadOnlyList<UtmRecord> Utm => _utm ?? None<UtmRecord>.List;
    [JsonIgnore] public IReadOnlyList<DoNotContact> DoNotContact => _doNotContact ?? None<DoNotContact>.List;
    [JsonIgnore] public IReadOnlySet<long> Segments => _segments ?? None<long>.Set;

    /// <summary>
    /// When the contact joined each segment it is in, by segment id; kept beside <see cref="Segments"/>, whose stored form
    /// the contacts table's queries read. A membership an older build stored has none.
    /// </summary>
    [JsonIgnore] public IReadOnlyDictionary<long, DateTimeOffset> SegmentsJoined => _segmentsJoined ?? None<long, DateTimeOffset>.Dictionary;

    /// <summary>Category ids the contact is in (the contact list's "Change categories" batch action).</summary>
    [JsonIgnore] public IReadOnlySet<long> Categories => _categories ?? None<long>.Set;

    /// <summary>Frequency rules by lower-case channel name.</summary>
    [JsonIgnore] public IReadOnlyDictionary<string, FrequencyRule> FrequencyRules => _frequencyRules ?? None<string, FrequencyRule>.Dictionary;
    [JsonIgnore] public IReadOnlyList<CompanyLink> Companies => _companies ?? None<CompanyLink>.List;

    /// <summary>Campaign memberships: campaign id and when the contact joined.</summary>
    [JsonIgnore] public IReadOnlyDictionary<long, DateTimeOffset> Campaigns => _campaigns ?? None<long, DateTimeOffset>.Dictionary;

    /// <summary>Ids of the notes about this contact; each note grain holds its text.</summary>
    [JsonIgnore] public IReadOnlySet<long> Notes => _notes ?? None<long>.Set;

    /// <summary>Losers already folded into this contact, so a repeated merge request adds nothing twice.</summary>
    [JsonIgnore] public IReadOnlySet<long> Absorbed => _absorbed ?? None<long>.Set;

    /// <summary>By import id, the rows of that import this contact took, so a replayed row is applied once.</summary>
    [JsonIgnore] public IReadOnlyDictionary<string, ImportedRows> Imports => _imports ?? None<string, ImportedRows>.Dictionary;

    // Stored under the names the payload has always had (the contacts table's queries read tags, ips and segments).
    [JsonInclude, JsonPropertyName("fields"), JsonIgnore(Condition = WhenWritingNull)] private Dictionary<string, string?>? _fields;
    [JsonInclude, JsonPropertyName("fieldModifiedAt"), JsonIgnore(Condition = WhenWritingNull)] private Dictionary<string, DateTimeOffset>? _fieldModifiedAt;
    [JsonInclude, JsonPropertyName("tags"), JsonIgnore(Condition = WhenWritingNull)] private HashSet<string>? _tags;
    [JsonInclude, JsonPropertyName("ips"), JsonIgnore(Condition = WhenWritingNull)] private HashSet<string>? _ips;
    [JsonInclude, JsonPropertyName("devices"), JsonIgnore(Condition = WhenWritingNull)] private HashSet<string>? _devices;
    [JsonInclude, JsonPropertyName("identifiers"), JsonIgnore(Condition = WhenWritingNull)] private HashSet<string>? _identifiers;
    [JsonInclude, JsonPropertyName("utm"), JsonIgnore(Condition = WhenWritingNull)] private List<UtmRecord>? _utm;
    [JsonInclude, JsonPropertyName("doNotContact"), JsonIgnore(Condition = WhenWritingNull)] private List<DoNotContact>? _doNotContact;
    [JsonInclude, JsonPropertyName("segments"), JsonIgnore(Condition = WhenWritingNull)] private HashSet<long>? _segments;
    [JsonInclude, JsonPropertyName("segmentsJoined"), JsonIgnore(Condition = WhenWritingNull)] private Dictionary<long, DateTimeOffset>? _segmentsJoined;
    [JsonInclude, JsonPropertyName("categories"), JsonIgnore(Condition = WhenWritingNull)] private HashSet<long>? _categories;
    [JsonInclude, JsonPropertyName("frequencyRules"), JsonIgnore(Condition = WhenWritingNull)] private Dictionary<string, FrequencyRule>? _frequencyRules;
    [JsonInclude, JsonPropertyName("companies"), JsonIgnore(Condition = WhenWritingNull)] private List<CompanyLink>? _companies;
    [JsonInclude, JsonPropertyName("campaigns"), JsonIgnore(Condition = WhenWritingNull)] private Dictionary<long, DateTimeOffset>? _campaigns;
    [JsonInclude, JsonPropertyName("notes"), JsonIgnore(Condition = WhenWritingNull)] private HashSet<long>? _notes;
    [JsonInclude, JsonPropertyName("absorbed"), JsonIgnore(Condition = WhenWritingNull)] private HashSet<long>? _absorbed;
    [JsonInclude, JsonPropertyName("imports"), JsonIgnore(Condition = WhenWritingNull)] private Dictionary<string, ImportedRows>? _imports;

    /// <summary>Whether rows an older build stored without an id are still to be given theirs (<see cref="NumberOlderUtm"/>).</summary>
    [JsonIgnore] public bool HoldsUtmWithoutIds { get; private set; }

    /// <summary>
    /// Gives each row an older build stored without an id the one its contact and place in the stored list make
    /// (<see cref="UtmIdSource.OlderRowId"/>): every reader of one payload gives the same ids, and the next write stores them.
    /// </summary>
    public void NumberOlderUtm(long contactId)
    {
        for (var i = 0; i < Utm.Count; i++)
        {
            if (_utm![i].Id == 0)
                _utm[i] = _utm[i] with { Id = UtmIdSource.OlderRowId(contactId, i) };
        }
        HoldsUtmWithoutIds = false;
    }

    /// <summary>
    /// This contact once deleted: nothing but the losers it absorbed, so a repeated merge request still adds nothing,
    /// and its note ids, until the notes are gone.
    /// </summary>
    public ContactState Deleted(DateTimeOffset at) => new() { DateDeleted = at, _absorbed = _absorbed, _notes = _notes };

    /// <summary>
    /// Rows that older builds stored hold every collection, most of them empty: those are dropped as they are read, so a
    /// contact read back costs what a new one does.
    /// </summary>
    void IJsonOnDeserialized.OnDeserialized()
    {
        _fields = Held(_fields);
        _fieldModifiedAt = Held(_fieldModifiedAt);
        _tags = _tags is { Count: > 0 } tags ? new HashSet<string>(tags, Tag.NameComparer) : null;
        _ips = Held(_ips);
        _devices = Held(_devices);
        _identifiers = Held(_identifiers);
        _utm = Held(_utm);
        HoldsUtmWithoutIds = _utm?.Exists(row => row.Id == 0) == true;
        _doNotContact = Held(_doNotContact);
        _segments = Held(_segments);
        _segmentsJoined = Held(_segmentsJoined);
        _categories = Held(_categories);
        _frequencyRules = Held(_frequencyRules);
        _companies = Held(_companies);
        _campaigns = Held(_campaigns);
        _notes = Held(_notes);
        _absorbed = Held(_absorbed);
        _imports = Held(_imports);
    }

    /// <summary>Unchangeable empties, one per type, shared by every contact that has not needed the collection yet.</summary>
    private static class None<T>
    {
        public static readonly IReadOnlySet<T> Set = FrozenSet<T>.Empty;
        public static readonly IReadOnlyList<T> List = [];
    }

    private static class None<TKey, TValue> where TKey : notnull
    {
        public static readonly IReadOnlyDictionary<TKey, TValue> Dictionary = FrozenDictionary<TKey, TValue>.Empty;
    }

    private static HashSet<T>? Held<T>(HashSet<T>? items) => items is { Count: > 0 } ? items : null;

    private static List<T>? Held<T>(List<T>? items) => items is { Count: > 0 } ? items : null;

    private static Dictionary<TKey, TValue>? Held<TKey, TValue>(Dictionary<TKey, TValue>? items) where TKey : notnull
        => items is { Count: > 0 } ? items : null;
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

    /// <summary>
    /// The companies, segments, stage and owner the loser brought, which <see cref="MergeStep.DropGoingReferences"/>
    /// checks. Merges stored by a build before the last three have none of them, and check the companies only.
    /// </summary>
    public List<long> LoserCompanies { get; set; } = [];
    public List<long> LoserSegments { get; set; } = [];
    public string? LoserStage { get; set; }
    public long? LoserOwner { get; set; }

    /// <summary>
    /// The unique fields when they identify a contact only together (And), else null: then the winner claims the
    /// combination its merged values make (<see cref="MergeStep.ClaimCombination"/>). Null in merges stored by a build
    /// before that step.
    /// </summary>
    public List<string>? CombinedUniqueAliases { get; set; }

    public bool LoserBroughtReferences
        => LoserCompanies.Count > 0 || LoserSegments.Count > 0 || LoserStage is not null || LoserOwner is not null;
}

/// <summary>
/// The steps of a merge. Each is stored as done before the next starts; a step is stored as its number, so a step
/// added later takes a new number and its place in the order is set where the steps advance (ContactGrain.Merge.cs).
/// </summary>
internal enum MergeStep
{
    Surrender,
    RedirectIdentifiers,
    MoveDevices,
    MoveHistory,
    MoveNotes,
    DropGoingReferences,
    ClaimCombination,
}
