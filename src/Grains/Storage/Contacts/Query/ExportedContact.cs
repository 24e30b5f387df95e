namespace Actors.Grains.Storage.Contacts.Query;

/// <summary>What an export writes of one contact (MAUTIC-SPEC 4.2): its id, field values, points and stage.</summary>
public sealed record ExportedContact(long Id, IReadOnlyDictionary<string, string?> Fields, int Points, string? Stage);
