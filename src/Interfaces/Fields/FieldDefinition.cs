using Actors.Interfaces.Users;

namespace Actors.Interfaces.Fields;

/// <summary>
/// One contact field as Mautic's lead_fields describes it. Type and Group use Mautic's names
/// ("text", "email", "lookup"...; "core", "social", "personal", "professional").
/// </summary>
public sealed record FieldDefinition(
    string Alias,
    string Label,
    string Type,
    string Group,
    bool IsUniqueIdentifier,
    bool IsPubliclyUpdatable,
    string? DefaultValue,
    bool IsPublished)
{
    /// <summary>The field's id in the catalog; 0 until the catalog stores the field (core fields are 1 to 28).</summary>
    public long Id { get; init; }

    /// <summary>
    /// The highest order a field may be given: far below int.MaxValue, so the next field's order (one past the highest)
    /// always fits, where an order of int.MaxValue had made every later field's wrap to int.MinValue and sort first.
    /// </summary>
    public const int MaxOrder = 1_000_000;

    /// <summary>Display position, 0 to <see cref="MaxOrder"/>; the catalog lists fields by it, then by id.</summary>
    public int Order { get; init; }

    public bool IsRequired { get; init; }

    /// <summary>Type-specific settings (select options, number scale, boolean labels) as the JSON object the API was given.</summary>
    public string Properties { get; init; } = "{}";

    /// <summary>
    /// When the field was made and last changed, and by which user, as Mautic's FormModel::setTimestamps records them
    /// (a new field counts as changed when made); null for the core fields, which came with the catalog, and for fields
    /// an older build stored.
    /// </summary>
    public DateTimeOffset? DateAdded { get; init; }
    public ActingUser? CreatedBy { get; init; }
    public DateTimeOffset? DateModified { get; init; }
    public ActingUser? ModifiedBy { get; init; }
}
