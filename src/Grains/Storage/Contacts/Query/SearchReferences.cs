namespace Actors.Grains.Storage.Contacts.Query;

/// <summary>An entry's id and one name it is searched by.</summary>
public sealed record NamedId(long Id, string Name);

/// <summary>
/// The names the relation commands match, since contacts store ids: segment aliases (segment:), stage names
/// (stage:) and owners' first and last names (owner:, one entry per name).
/// </summary>
public sealed record SearchReferences(IReadOnlyList<NamedId> Segments, IReadOnlyList<NamedId> Stages, IReadOnlyList<NamedId> Owners)
{
    public static readonly SearchReferences None = new([], [], []);
}
