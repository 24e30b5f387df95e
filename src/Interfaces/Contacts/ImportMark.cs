namespace Actors.Interfaces.Contacts;

/// <summary>
/// The import row an edit comes from. The contact remembers the lines of each import it took, so a row replayed after
/// a crash changes nothing and still answers whether it inserted or updated the contact.
/// </summary>
public sealed record ImportMark(string ImportId, long Line);

/// <summary>What an import row did to its contact.</summary>
public enum ImportRowOutcome
{
    Inserted,
    Updated,
}
