using Actors.Interfaces.Catalogs;

namespace Actors.Interfaces.Tags;

/// <summary>A tag. Contacts hold tags by name; this entry gives the name its id and description.</summary>
public sealed record Tag(long Id, string Name, string? Description) : ICatalogEntry<Tag>
{
    /// <summary>The longest tag name, as Mautic's varchar(191) column holds; every way a tag comes in keeps to it.</summary>
    public const int MaxNameLength = 191;

    public static string CatalogKey => "tags";

    public string? UniqueKey => Name;

    public Tag WithId(long id) => this with { Id = id };
}
