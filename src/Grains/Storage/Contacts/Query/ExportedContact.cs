namespace Actors.Grains.Storage.Contacts.Query;

/// <summary>
/// What an export writes of one contact (MAUTIC-SPEC 4.2): its id, field values, points, last activity and stage. The field values
/// stay the stored JSON object text (alias to string value): the export picks its columns out of it in one pass instead
/// of building a dictionary per contact.
/// </summary>
public sealed record ExportedContact(long Id, string? FieldsJson, int Points, string? Stage, DateTimeOffset? LastActive);
