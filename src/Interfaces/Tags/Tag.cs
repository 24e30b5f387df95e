using Actors.Interfaces.Catalogs;
using Actors.Interfaces.Text;
using Actors.Runtime.Text;

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

    /// <summary>
    /// Tells tag names apart wherever tags are stored, renamed, taken off or searched: two names are one tag when they
    /// are one once lower-cased as PostgreSQL's lower() does (<see cref="LowerCase"/>), the fold every text search
    /// compares with on both stores. So the Kelvin sign's "K" is "k" and "İ" is "i", as Mautic's utf8mb4_unicode_ci
    /// collation makes them; "ß" stays apart from "ss" and a final "ς" from "σ", where that collation would join them,
    /// since a tag: search, through lower(), could not find the one by the other.
    /// </summary>
    public static StringComparer NameComparer => LowerCase.Comparer;

    public static string CatalogKey => "tags";

    public string? UniqueKey => Name;

    public IEnumerable<string> HeldKeys => FormerName is null ? [Name] : [Name, FormerName];

    public Tag WithId(long id) => this with { Id = id };
}
