using Actors.Grains.Contacts;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Fields;
using Actors.Runtime;

namespace Actors.Grains.Fields;

/// <summary>
/// The writer's half of a field delete. The delete marks its field as being removed in the catalog grain
/// (<see cref="IFieldCatalogGrain.BeginRemove"/>), then clears the field on every contact holding a value, then removes
/// it. A write checks its values against an earlier read of the catalog (a front end's cache, an import batch's read),
/// so it can land after the mark, even after the sweep passed its contact: once written, it asks the catalog grain
/// whether the custom fields it wrote are still there, and takes back its values of those that are going or gone. The
/// catalog grain orders the two: a field still there when asked is marked after the write landed, so the write is in
/// the contacts table before the sweep reads it and the sweep clears it. Either way no value outlives its field's
/// delete, and a field later made with the same alias starts empty. A value is taken back only where the contact still
/// holds exactly it (<see cref="ContactEdit.TakeBackFields"/>), so one written since to the new field stays. Core fields
/// are never deleted, so a write of core fields alone costs no call.
/// </summary>
public sealed class GoingFields(IGrainFactory grains, ContactWriter writer)
{
    /// <summary>
    /// Takes back from the contact what <paramref name="written"/> wrote to fields of <paramref name="checkedAgainst"/>
    /// (the catalog the write was checked against) that are going or gone; true when there was something to take back.
    /// </summary>
    public async Task<bool> TakeBackAsync(IReadOnlyList<FieldDefinition> checkedAgainst, long contactId, IReadOnlyDictionary<string, string?> written,
        DateTimeOffset at)
    {
        if (written.Count == 0)
            return false;
        var custom = checkedAgainst.Where(f => !CoreFields.Contains(f.Alias) && !string.IsNullOrEmpty(written.GetValueOrDefault(f.Alias))).ToArray();
        if (custom.Length == 0)
            return false;
        var gone = await grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields).Gone(custom.Select(f => f.Id).ToArray());
        if (gone.Count == 0)
            return false;
        var values = custom.Where(f => gone.Contains(f.Id)).ToDictionary(f => f.Alias, f => written[f.Alias]!);
        await writer.Update(contactId, new ContactEdit { At = at, TakeBackFields = values }, []);
        return true;
    }

    /// <summary>The values an edit writes: those it sets, and the defaults it writes where the contact has none.</summary>
    public static IReadOnlyDictionary<string, string?> WrittenBy(ContactEdit edit)
    {
        var written = new Dictionary<string, string?>(edit.Fields);
        foreach (var (alias, value) in edit.FieldDefaults)
            written.TryAdd(alias, value);
        return written;
    }
}
