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

    /// <summary>The ids of fields a delete marked: kept, alias held, until their values are swept; answered by no read.</summary>
    public List<long> Removing { get; set; } = [];

    /// <summary>
    /// Whether the core fields were given their installed properties (the title's list, the attribution's scale); false
    /// in a catalog an older build stored without them, whose core fields holding none take them once, at activation,
    /// and keep whatever an operator sets from then on, an empty object too.
    /// </summary>
    public bool CorePropertiesFilled { get; set; }
}

internal sealed class FieldCatalogGrain(
    [PersistentState("fields")] IPersistentState<FieldCatalogState> catalog) : Grain, IFieldCatalogGrain
{
    /// <summary>Every field, those being removed too: their aliases stay taken until their values are gone.</summary>
    private IReadOnlyList<FieldDefinition> Current => catalog.State.Fields ?? CoreFields.All;

    private List<long> Removing => catalog.State.Removing;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Kept in memory until the next change stores the catalog, which stores the flag too: until then each activation
        // fills them again, and no operator's change to a core field's properties can have come in between.
        if (catalog.State is { Fields: { } stored, CorePropertiesFilled: false })
            catalog.State.Fields = stored.Select(CoreFields.WithInstalledProperties).ToList();
        catalog.State.CorePropertiesFilled = true;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FieldDefinition>> Get()
        => Task.FromResult<IReadOnlyList<FieldDefinition>>(Current.Where(f => !Removing.Contains(f.Id)).OrderBy(f => f.Order).ThenBy(f => f.Id).ToArray());

    Task<IReadOnlyList<FieldDefinition>> IFieldCatalogGrain.Removing()
        => Task.FromResult<IReadOnlyList<FieldDefinition>>(Current.Where(f => Removing.Contains(f.Id)).ToArray());

    public Task<IReadOnlyList<long>> Gone(IReadOnlyList<long> ids)
        => Task.FromResult<IReadOnlyList<long>>(ids.Where(id => Removing.Contains(id) || !Current.Any(f => f.Id == id)).ToArray());

    public async Task<IReadOnlyList<FieldDefinition>> Upsert(FieldDefinition field)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field.Alias);
        RefuseUniqueWithDefault(field);
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
        RefuseUniqueWithDefault(field);
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
        RefuseUniqueWithDefault(field);
        var fields = Current.ToList();
        var index = fields.FindIndex(f => f.Id == field.Id);
        if (index < 0 || Removing.Contains(field.Id))
            return new FieldChange(FieldChangeOutcome.NotFound, null);
        var current = fields[index];
        var stored = field with
        {
            Alias = current.Alias,
            Type = CoreFields.Contains(current.Alias) ? current.Type : field.Type,
            DateAdded = current.DateAdded,
            CreatedBy = current.CreatedBy,
        };
        fields[index] = stored;
        await Store(fields);
        return new FieldChange(FieldChangeOutcome.Done, stored);
    }

    public async Task<FieldDefinition?> BeginRemove(long id)
    {
        var field = Current.FirstOrDefault(f => f.Id == id);
        if (field is null || Removing.Contains(id))
            return field;
        RefuseCore(field.Alias);
        Removing.Add(id);
        await Store(Current.ToList());
        return field;
    }

    public async Task<bool> Remove(long id)
    {
        var fields = Current.ToList();
        if (fields.Find(f => f.Id == id) is not { } field)
            return false;
        RefuseCore(field.Alias);
        fields.Remove(field);
        Removing.Remove(id);
        await Store(fields);
        return true;
    }

    private static void RefuseCore(string alias)
    {
        if (CoreFields.Contains(alias))
            throw new InvalidOperationException($"'{alias}' is a core field; core fields cannot be removed.");
    }

    /// <summary>
    /// Every change is held to it, whoever makes it, so that no catalog stored from now on has a unique field with a
    /// default; the API refuses such a body with a 400 before it comes here.
    /// </summary>
    private static void RefuseUniqueWithDefault(FieldDefinition field)
    {
        if (DefaultValues.IsUniqueWithDefault(field))
            throw new ArgumentException($"'{field.Alias}': {DefaultValues.UniqueFieldProblem}", nameof(field));
    }

    /// <summary>
    /// A new field's id, and its order when it has none: one past every other field's, or level with the last from
    /// <see cref="FieldDefinition.MaxOrder"/> on (its higher id puts it after), so it never wraps past int.MaxValue,
    /// which an order an older build let through may be.
    /// </summary>
    private FieldDefinition Numbered(FieldDefinition field, List<FieldDefinition> fields)
    {
        catalog.State.HighWater = Math.Max(catalog.State.HighWater, fields.Max(f => f.Id)) + 1;
        var last = fields.Max(f => f.Order);
        var next = last < FieldDefinition.MaxOrder ? last + 1 : last;
        return field with { Id = catalog.State.HighWater, Order = field.Order > 0 ? field.Order : next };
    }

    private Task Store(List<FieldDefinition> fields)
    {
        catalog.State.Fields = fields;
        return catalog.WriteOrReloadAsync();
    }
}
