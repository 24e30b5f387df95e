using System.Globalization;
using Actors.Interfaces.Catalogs;
using Actors.Interfaces.Stages;
using Actors.Runtime;
using Actors.Runtime.Text;

namespace Actors.Grains.Imports;

/// <summary>
/// The stage column names a stage (MAUTIC-SPEC 4.1: by name, created if missing), while a contact holds a stage id,
/// which a stage delete sweeps and a write that met the delete takes back (Catalogs.GoingEntries). So a batch's names
/// become ids before its rows are written: the first stage of the name, ignoring case (as the API's stage lookup reads
/// a name), or a new stage for a name none has, made once, before any row points at it.
/// </summary>
internal static class ImportStages
{
    public static async Task<ImportRowPlan[]> ResolveAsync(IGrainFactory grains, ImportRowPlan[] plans, DateTimeOffset at)
    {
        var names = plans.Select(p => p.Edit?.Stage).OfType<string>().Distinct(LowerCase.Comparer).ToArray();
        if (names.Length == 0)
            return plans;
        var catalog = grains.GetGrain<IEntityCatalogGrain<Stage>>(Stage.CatalogKey);
        var stages = await catalog.List();
        var ids = new Dictionary<string, string>(LowerCase.Comparer);
        foreach (var name in names)
        {
            var stage = stages.FirstOrDefault(s => LowerCase.Same(s.Name, name))
                ?? (await catalog.Add(new Stage(0, name, 0, null, IsPublished: true, at, null))).Entry!;
            ids[name] = stage.Id.ToString(CultureInfo.InvariantCulture);
        }
        return plans.Select(p => p.Edit is { Stage: { } name } edit ? p with { Edit = edit with { Stage = ids[name] } } : p).ToArray();
    }
}
