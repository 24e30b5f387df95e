using Actors.Interfaces.Catalogs;

namespace Actors.Interfaces.Segments;

/// <summary>
/// A contact segment (Mautic's lead list). Membership is kept by each contact (its segment ids), so a merge keeps it
/// and a segment's size is a query over the contacts table. <see cref="Filters"/> is the JSON array the API was
/// given, stored as given: this service has no segment-filter engine, membership is manual.
/// </summary>
public sealed record Segment(
    long Id,
    string Name,
    string Alias,
    string? Description,
    bool IsPublished,
    bool IsGlobal,
    string Filters,
    DateTimeOffset DateAdded,
    DateTimeOffset? DateModified) : ICatalogEntry<Segment>
{
    public static string CatalogKey => "segments";

    public string? UniqueKey => Alias;

    public Segment WithId(long id) => this with { Id = id };
}
