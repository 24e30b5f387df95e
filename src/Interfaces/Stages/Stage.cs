using Actors.Interfaces.Catalogs;

namespace Actors.Interfaces.Stages;

/// <summary>A lifecycle stage a contact can be in (one at a time). Names need not be unique, as in Mautic.</summary>
public sealed record Stage(
    long Id,
    string Name,
    int Weight,
    string? Description,
    bool IsPublished,
    DateTimeOffset DateAdded,
    DateTimeOffset? DateModified) : ICatalogEntry<Stage>
{
    public static string CatalogKey => "stages";

    public string? UniqueKey => null;

    public Stage WithId(long id) => this with { Id = id };
}
