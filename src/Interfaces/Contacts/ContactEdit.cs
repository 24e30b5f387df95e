using Actors.Interfaces.Companies;
using Actors.Interfaces.Users;

namespace Actors.Interfaces.Contacts;

/// <summary>
/// A change made on purpose to a contact (API edit, import row, manual action), as opposed to a
/// tracked hit: here a blank field value clears the field.
/// </summary>
public sealed record ContactEdit
{
    public required DateTimeOffset At { get; init; }
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();

    /// <summary>Added to the points (the API's points/plus and points/minus); a long, so that minus -2147483648 is exact.</summary>
    public long PointsDelta { get; init; }

    /// <summary>Sets the points to this value before <see cref="PointsDelta"/> is added (the API's "points" field).</summary>
    public int? Points { get; init; }

    /// <summary>Then multiplies the points (the API's points/times operator).</summary>
    public int PointsTimes { get; init; } = 1;

    /// <summary>Then divides the points, rounding toward zero as Mautic's points/divide does; never 0.</summary>
    public int PointsDivideBy { get; init; } = 1;

    /// <summary>Channels whose do-not-contact entry is removed (the API's dnc/{channel}/remove).</summary>
    public IReadOnlyList<string> RemoveDoNotContact { get; init; } = [];

    /// <summary>Field values written only where the contact has none (Mautic's default values on create and PUT).</summary>
    public IReadOnlyDictionary<string, string> FieldDefaults { get; init; } = new Dictionary<string, string>();

    /// <summary>Writes <see cref="FieldDefaults"/> only when the edit creates the contact, as Mautic's import does.</summary>
    public bool FieldDefaultsOnlyIfNew { get; init; }

    /// <summary>
    /// Field values cleared only where the contact still holds exactly them: a write that met its field's delete takes
    /// back what it wrote without erasing a value written since (see Actors.Grains.Fields.GoingFields).
    /// </summary>
    public IReadOnlyDictionary<string, string> TakeBackFields { get; init; } = new Dictionary<string, string>();

    /// <summary>An IP address the contact was seen at (the API's ipAddress).</summary>
    public string? Ip { get; init; }

    /// <summary>When the contact was last active, if later than what it holds (the API's lastActive).</summary>
    public DateTimeOffset? LastActive { get; init; }

    /// <summary>A UTM row added by the API (utm/add).</summary>
    public UtmRecord? AddUtm { get; init; }

    /// <summary>Removes the UTM row of this id (utm/{utmId}/remove); an id the contact does not hold changes nothing.</summary>
    public long? RemoveUtm { get; init; }

    /// <summary>Normalised unique identifiers the caller claimed for this contact, kept so a merge can redirect them.</summary>
    public IReadOnlyList<string> Identifiers { get; init; } = [];

    /// <summary>
    /// The unique fields when they identify a contact only together (Contacts:UniqueIdentifiersOperator=And), else null.
    /// The contact then owns one key for the combination of its values: the writer claims the key of the values the edit
    /// leaves it holding, and the contact takes them only while it owns that key, freeing the combination it leaves.
    /// </summary>
    public IReadOnlyList<string>? CombinedUniqueAliases { get; init; }

    /// <summary>
    /// With <see cref="CombinedUniqueAliases"/>, the unique fields before a field was made unique or stopped being, else
    /// null: the combination the contact leaves is then the one of its values of these, which no write looks up any more.
    /// </summary>
    public IReadOnlyList<string>? FormerUniqueAliases { get; init; }
    public IReadOnlyList<string> AddTags { get; init; } = [];
    public IReadOnlyList<string> RemoveTags { get; init; } = [];

    /// <summary>
    /// A tag rename's step on this contact: when it holds <see cref="TagRename.From"/> (in any case) it holds
    /// <see cref="TagRename.To"/> instead, and otherwise nothing changes, so a rename that meets the tag's delete adds
    /// nothing back. Applied after <see cref="AddTags"/> and <see cref="RemoveTags"/>.
    /// </summary>
    public TagRename? RenameTag { get; init; }
    public IReadOnlyList<DoNotContact> DoNotContact { get; init; } = [];
    public IReadOnlyList<long> JoinSegments { get; init; } = [];

    /// <summary>Segment ids the contact leaves (a manual removal, or the segment was deleted).</summary>
    public IReadOnlyList<long> LeaveSegments { get; init; } = [];
    /// <summary>
    /// Links the contact to this company, which becomes its primary one and names its company field; applied after
    /// <see cref="SetCompanies"/> and <see cref="UnlinkCompany"/>. With <see cref="KeepExistingValues"/> a contact whose
    /// company field holds a value is left as it is (the link comes from that field: an import's skip_if_exists).
    /// </summary>
    public CompanyLink? LinkCompany { get; init; }

    /// <summary>
    /// Company field values (an import's company* columns) for the company the company field names: the company found
    /// is updated with them (null clears one), a new one takes them; nothing when the edit names no company.
    /// </summary>
    public IReadOnlyDictionary<string, string?> CompanyFields { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Unlinks this company; when it was the primary one, the most recently linked of the others takes its place, and
    /// names the company field when that field named the company unlinked.
    /// </summary>
    public long? UnlinkCompany { get; init; }

    /// <summary>
    /// A company's rename followed through its contacts: the link shows the new name, and a company field that named the
    /// company as its primary link did takes it too.
    /// </summary>
    public CompanyRename? RenameCompany { get; init; }

    /// <summary>
    /// The contact's company links become these (the API's companies member, as Mautic's modifyCompanies): links to
    /// other companies go, and each of these not linked yet is linked in turn as the primary one, so the last new one
    /// is primary; an empty list leaves the contact without companies. Null: no change.
    /// </summary>
    public IReadOnlyList<CompanyLink>? SetCompanies { get; init; }

    public IReadOnlyList<long> JoinCampaigns { get; init; } = [];

    /// <summary>Frequency rules set for their channels, and channels whose rule is removed.</summary>
    public IReadOnlyList<FrequencyRule> SetFrequencyRules { get; init; } = [];
    public IReadOnlyList<string> RemoveFrequencyRules { get; init; } = [];

    /// <summary>Category ids (from /api/categories) the contact is put in, and taken out of.</summary>
    public IReadOnlyList<long> AddCategories { get; init; } = [];
    public IReadOnlyList<long> RemoveCategories { get; init; } = [];

    public IReadOnlyList<long> LeaveCampaigns { get; init; } = [];

    /// <summary>A note written about the contact: its id is kept and the note shows in the timeline.</summary>
    public ContactNote? AddNote { get; init; }
    public long? OwnerId { get; init; }

    /// <summary>Clears the owner if it is this user id (the user was deleted); applied after <see cref="OwnerId"/>.</summary>
    public long? LeaveOwner { get; init; }

    /// <summary>Leaves the contact without an owner (a body's "owner": null); <see cref="OwnerId"/> is then null.</summary>
    public bool ClearOwner { get; init; }

    /// <summary>The stage the contact moves to: a stage id, as the stage catalog numbers them.</summary>
    public string? Stage { get; init; }

    /// <summary>Takes the contact out of whatever stage it is in (a body's "stage": null); <see cref="Stage"/> is then null.</summary>
    public bool ClearStage { get; init; }

    /// <summary>Leaves this stage (an id) if the contact is in it; applied after <see cref="Stage"/>.</summary>
    public string? LeaveStage { get; init; }
    /// <summary>Mautic's skip_if_exists: field values are written only where the contact holds none.</summary>
    public bool KeepExistingValues { get; init; }

    /// <summary>Set when the edit is an import row: applied once per line, and recorded as lead.imported.</summary>
    public ImportMark? Import { get; init; }

    /// <summary>
    /// The signed-in user making the edit (a REST or UI write, or the user who started an import), recorded as the
    /// contact's modifier and, when the edit creates it, its creator, as Mautic's FormModel::setTimestamps does; null
    /// for changes no user makes (sweeps after a delete or rename, merges), which leave both as they are.
    /// </summary>
    public ActingUser? By { get; init; }
}

/// <summary>What the contact's timeline shows of a new note.</summary>
public sealed record ContactNote(long NoteId, string Type, string Text, DateTimeOffset DateTime);

/// <summary>A tag's old and new name, for <see cref="ContactEdit.RenameTag"/>.</summary>
public sealed record TagRename(string From, string To);
