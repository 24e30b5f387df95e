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

    /// <summary>Display position; the catalog lists fields by it, then by id.</summary>
    public int Order { get; init; }

    public bool IsRequired { get; init; }

    /// <summary>Type-specific settings (select options, number scale, boolean labels) as the JSON object the API was given.</summary>
    public string Properties { get; init; } = "{}";
}
