using Actors.Interfaces.Catalogs;

namespace Actors.Interfaces.Categories;

/// <summary>
/// A category of one bundle ("global", "email", "page"...), as Mautic groups its entities. The alias is unique
/// within its bundle.
/// </summary>
public sealed record Category(
    long Id,
    string Title,
    string Alias,
    string? Description,
    string Bundle,
    string? Color,
    bool IsPublished,
    DateTimeOffset DateAdded,
    DateTimeOffset? DateModified) : ICatalogEntry<Category>
{
    public static string CatalogKey => "categories";

    public string? UniqueKey => Bundle + ":" + Alias;

    public Category WithId(long id) => this with { Id = id };
}
