using Actors.Interfaces.Imports;
using Actors.Interfaces.Users;
using Actors.Runtime;

namespace Actors.Grains.Imports;

/// <summary>
/// A contact's owner must be a published user, as the REST writes require. An import row naming an id that is none
/// (no user has it, or the user is unpublished) keeps the row and drops the owner with a warning, as Mautic's
/// LeadModel::import logs an owner it cannot find and imports the row without it. The users are read once per batch.
/// </summary>
internal static class ImportOwners
{
    public static async Task<ImportRowPlan[]> ResolveAsync(IGrainFactory grains, ImportRowPlan[] plans)
    {
        var ids = plans.Select(p => p.Edit?.OwnerId).OfType<long>().Distinct().ToArray();
        if (ids.Length == 0)
            return plans;
        var directory = grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key);
        var unfit = new HashSet<long>();
        foreach (var id in ids)
        {
            if (await directory.UsernameOf(id) is not { } username || await grains.GetGrain<IUserGrain>(username).Get() is not { IsPublished: true })
                unfit.Add(id);
        }
        return plans.Select(p => p.Edit is { OwnerId: { } owner } edit && unfit.Contains(owner)
            ? p with
            {
                Edit = edit with { OwnerId = null },
                Warnings = [.. p.Warnings, new ImportProblem(p.Line, $"owner: no published user has the id {owner}; the row was imported without it.", RowIgnored: false)],
            }
            : p).ToArray();
    }
}
