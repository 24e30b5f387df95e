using Actors.Api.Catalogs;
using Actors.Interfaces.Fields;
using Actors.Runtime;

namespace Actors.Api.Fields;

/// <summary>
/// The contact field catalog as the front end sees it: read from the catalog grain at most once every few
/// seconds, because every tracking hit needs it (which fields are publicly updatable, which are unique)
/// and it changes only when an operator edits a field.
/// </summary>
public sealed class FieldCatalogCache(IGrainFactory grains, TimeProvider clock)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private readonly ReadThroughCache<Snapshot> _cache = new(clock, Freshness, async () =>
        new Snapshot(await grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields).Get()));

    public ValueTask<Snapshot> GetAsync() => _cache.GetAsync();

    /// <summary>Forgets the cached catalog so the next read sees an edit at once.</summary>
    public void Invalidate() => _cache.Invalidate();

    public sealed class Snapshot(IReadOnlyList<FieldDefinition> fields)
    {
        private readonly Dictionary<string, FieldDefinition> _byAlias = fields.ToDictionary(f => f.Alias, StringComparer.OrdinalIgnoreCase);

        public IReadOnlyList<FieldDefinition> Fields { get; } = fields;
        public IReadOnlyList<FieldDefinition> UniqueFields { get; } = Unique(fields);
        public IReadOnlyList<string> UniqueAliases { get; } = Unique(fields).Select(f => f.Alias).ToArray();

        public FieldDefinition? Find(string alias) => _byAlias.GetValueOrDefault(alias);

        private static FieldDefinition[] Unique(IEnumerable<FieldDefinition> fields) => fields.Where(f => f.IsUniqueIdentifier && f.IsPublished).ToArray();
    }
}
