using Actors.Grains.Persistence;
using Actors.Interfaces.Fields;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Fields;

internal sealed class FieldCatalogState
{
    /// <summary>Null until an operator first changes the catalog; until then the core fields apply.</summary>
    public List<FieldDefinition>? Fields { get; set; }

    /// <summary>The last id handed out to a custom field (0: none yet); never below the core fields' ids.</summary>
    public long HighWater { get; set; }
}

internal sealed class FieldCatalogGrain(
    [PersistentState("fields")] IPersistentState<FieldCatalogState> catalog) : Grain, IFieldCatalogGrain
{
    private IReadOnlyList<FieldDefinition> Current => catalog.State.Fields ?? CoreFields.All;

    public Task<IReadOnlyList<FieldDefinition>> Get()
        => Task.FromResult<IReadOnlyList<FieldDefinition>>(Current.OrderBy(f => f.Order).ThenBy(f => f.Id).ToArray());

    public async Task<IReadOnlyList<FieldDefinition>> Upsert(FieldDefinition field)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field.Alias);
        var normal = field with { Alias = field.Alias.Trim().ToLowerInvariant() };
        var fields = Current.ToList();
        var index = fields.FindIndex(f => f.Alias == normal.Alias);
        if (index >= 0)
            fields[index] = normal with { Id = fields[index].Id, Order = normal.Order > 0 ? normal.Order : fields[index].Order };
        else
            fields.Add(Numbered(normal, fields));
        await Store(fields);
        return await Get();
    }

    public async Task<FieldChange> Create(FieldDefinition field)
    {
        var fields = Current.ToList();
        if (fields.Find(f => string.Equals(f.Alias, field.Alias, StringComparison.OrdinalIgnoreCase)) is { } holder)
            return new FieldChange(FieldChangeOutcome.AliasTaken, holder);
        var stored = Numbered(field with { Alias = field.Alias.ToLowerInvariant() }, fields);
        fields.Add(stored);
        await Store(fields);
        return new FieldChange(FieldChangeOutcome.Done, stored);
    }

    public async Task<FieldChange> Edit(FieldDefinition field)
    {
        var fields = Current.ToList();
        var index = fields.FindIndex(f => f.Id == field.Id);
        if (index < 0)
            return new FieldChange(FieldChangeOutcome.NotFound, null);
        var current = fields[index];
        var stored = field with { Alias = current.Alias, Type = CoreFields.Contains(current.Alias) ? current.Type : field.Type };
        fields[index] = stored;
        await Store(fields);
        return new FieldChange(FieldChangeOutcome.Done, stored);
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

    /// <summary>A new field's id, and its order when it has none: after every other field.</summary>
    private FieldDefinition Numbered(FieldDefinition field, List<FieldDefinition> fields)
    {
        catalog.State.HighWater = Math.Max(catalog.State.HighWater, fields.Max(f => f.Id)) + 1;
        return field with { Id = catalog.State.HighWater, Order = field.Order > 0 ? field.Order : fields.Max(f => f.Order) + 1 };
    }

    private Task Store(List<FieldDefinition> fields)
    {
        catalog.State.Fields = fields;
        return catalog.WriteOrReloadAsync();
    }
}
