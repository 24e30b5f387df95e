using Actors.Api.Catalogs;
using Actors.Grains.Storage.Contacts.Query;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Fields;
using Actors.Runtime;

namespace Actors.Api.Fields;

/// <summary>
/// Deleting a custom field, as Mautic drops its column: its values go with it, so a field later made with the same
/// alias starts empty on every contact. The field is marked first (<see cref="IFieldCatalogGrain.BeginRemove"/>): from
/// then on writes naming it are refused as for an unknown field, and a write checked before the mark that lands after
/// it takes its value back (Actors.Grains.Fields.GoingFields); every other write is in the contacts table before the
/// sweep reads it. Then the values are swept, then the field is removed. Every step is idempotent, so a delete a crash
/// cut short is finished by repeating it, or by <see cref="UnfinishedCatalogChanges"/> when the process starts.
/// </summary>
public sealed class FieldDelete(IGrainFactory grains, FieldCatalogCache cache, ContactSweep sweep)
{
    /// <summary>Marks the custom field with this id and removes it; answers the field as it was, or null when there was none.</summary>
    public async Task<FieldDefinition?> RunAsync(long id, CancellationToken cancellationToken)
    {
        var field = await Catalog.BeginRemove(id);
        return field is null ? null : await FinishAsync(field, cancellationToken);
    }

    /// <summary>Sweeps a marked field's values off its contacts and removes it; null when it was gone.</summary>
    public async Task<FieldDefinition?> FinishAsync(FieldDefinition field, CancellationToken cancellationToken)
    {
        cache.Invalidate();
        await sweep.ApplyAsync(new Condition(ContactColumns.Field(field.Alias, [field])!, Comparison.IsNotNull, []),
            at => new ContactEdit { At = at, Fields = new Dictionary<string, string?> { [field.Alias] = null } }, cancellationToken);
        var removed = await Catalog.Remove(field.Id);
        cache.Invalidate();
        return removed ? field : null;
    }

    /// <summary>The deletes a crash cut short: fields marked and not removed.</summary>
    public Task<IReadOnlyList<FieldDefinition>> UnfinishedAsync() => Catalog.Removing();

    private IFieldCatalogGrain Catalog => grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields);
}
