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

    private volatile Snapshot? _current;

    public async ValueTask<Snapshot> GetAsync()
    {
        var current = _current;
        if (current is not null && clock.GetUtcNow() - current.ReadAt < Freshness)
            return current;
        var fields = await grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields).Get();
        return _current = new Snapshot(fields, clock.GetUtcNow());
    }

    /// <summary>Forgets the cached catalog so the next read sees an edit at once.</summary>
    public void Invalidate() => _current = null;

    public sealed class Snapshot(IReadOnlyList<FieldDefinition> fields, DateTimeOffset readAt)
    {
        private readonly Dictionary<string, FieldDefinition> _byAlias = fields.ToDictionary(f => f.Alias, StringComparer.OrdinalIgnoreCase);

        public IReadOnlyList<FieldDefinition> Fields { get; } = fields;
        public DateTimeOffset ReadAt { get; } = readAt;
        public IReadOnlyList<string> UniqueAliases { get; } = fields.Where(f => f.IsUniqueIdentifier && f.IsPublished).Select(f => f.Alias).ToArray();

        public FieldDefinition? Find(string alias) => _byAlias.GetValueOrDefault(alias);
    }
}
