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
    bool IsPublished);
