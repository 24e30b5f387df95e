using Actors.Interfaces.Catalogs;
using Actors.Interfaces.Text;

namespace Actors.Interfaces.Tags;

/// <summary>
/// A tag. Contacts hold tags by name; this entry gives the name its id and description. <paramref name="FormerName"/>
/// is the name a rename left whose contacts are not all renamed yet (a crash in the middle of its sweep): the tag
/// keeps holding it, so contacts still using it do not make it a tag of its own, until a repeated edit finishes the sweep.
/// </summary>
public sealed record Tag(long Id, string Name, string? Description, string? FormerName = null) : ICatalogEntry<Tag>
{
    /// <summary>The longest tag name, as Mautic's varchar(191) column holds; every way a tag comes in keeps to it.</summary>
    public const int MaxNameLength = 191;

    /// <summary>
    /// Why <paramref name="name"/> cannot name a tag, or null when it can: the rule every way a tag comes in keeps to.
    /// Contacts' tag lists (a body's "a,-b", tracking's tags, the edit form) separate tags with commas and mark a tag to
    /// take off with a leading '-', so a name with either would be read back as other tags. A control character would
    /// break the xlsx export and, a NUL, every PostgreSQL query reading the contacts' tags as jsonb.
    /// </summary>
    public static string? NameProblem(string name) => name switch
    {
        { Length: > MaxNameLength } => $"'{name[..32]}…' is longer than {MaxNameLength} characters.",
        _ when name.Contains(',') => $"'{name}' holds a comma, which separates tags.",
        _ when name.StartsWith('-') => $"'{name}' starts with '-', which marks a tag to take off.",
        _ when !XmlText.IsValid(name) => $"A tag {XmlText.Problem}",
        _ => null,
    };

    public static string CatalogKey => "tags";

    public string? UniqueKey => Name;

    public IEnumerable<string> HeldKeys => FormerName is null ? [Name] : [Name, FormerName];

    public Tag WithId(long id) => this with { Id = id };
}
