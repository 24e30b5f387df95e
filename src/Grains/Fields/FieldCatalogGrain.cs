using Actors.Grains.Persistence;
using Actors.Interfaces.Fields;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Fields;

internal sealed class FieldCatalogState
{
    /// <summary>Null until an operator first changes the catalog; until then the core fields apply.</summary>
    public List<FieldDefinition>? Fields { get; set; }
}

internal sealed class FieldCatalogGrain(
    [PersistentState("fields")] IPersistentState<FieldCatalogState> catalog) : Grain, IFieldCatalogGrain
{
    private IReadOnlyList<FieldDefinition> Current => catalog.State.Fields ?? CoreFields.All;

    public Task<IReadOnlyList<FieldDefinition>> Get() => Task.FromResult<IReadOnlyList<FieldDefinition>>(Current.ToArray());

    public async Task<IReadOnlyList<FieldDefinition>> Upsert(FieldDefinition field)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field.Alias);
        var normal = field with { Alias = field.Alias.Trim().ToLowerInvariant() };
        var fields = Current.ToList();
        var index = fields.FindIndex(f => f.Alias == normal.Alias);
        if (index >= 0)
            fields[index] = normal;
        else
            fields.Add(normal);
        await Store(fields);
        return fields.ToArray();
    }

    public async Task<bool> Remove(string alias)
    {
        if (CoreFields.Contains(alias.Trim()))
            throw new InvalidOperationException($"'{alias}' is a core field; core fields cannot be removed.");
        var fields = Current.ToList();
        if (fields.RemoveAll(f => string.Equals(f.Alias, alias.Trim(), StringComparison.OrdinalIgnoreCase)) == 0)
            return false;
        await Store(fields);
        return true;
    }

    private Task Store(List<FieldDefinition> fields)
    {
        catalog.State.Fields = fields;
        return catalog.WriteOrReloadAsync();
    }
}
