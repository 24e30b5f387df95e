using Actors.Grains.Persistence;
using Actors.Interfaces.Companies;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Companies;

internal sealed class CompanyChangesState
{
    /// <summary>The companies whose delete began (the name the state had when it held deletes only).</summary>
    public HashSet<long> Going { get; set; } = [];

    /// <summary>
    /// One entry per rename begun and not ended (stored as a JSON array, as the set it was before), so a company renamed
    /// twice at once stays here until both renames have swept its contacts.
    /// </summary>
    public List<long> Renaming { get; set; } = [];
}

/// <summary>The ids of the companies whose delete or rename began and has not ended; stored before each answer.</summary>
// Named as it was when it held deletes only, so the changes an older build stored are found.
[GrainType("companydeletes")]
internal sealed class CompanyChangesGrain(
    [PersistentState("companyDeletes")] IPersistentState<CompanyChangesState> changes) : Grain, ICompanyChangesGrain
{
    private CompanyChangesState State => changes.State;

    public async Task Begin(CompanyChange change, long companyId)
    {
        if (change == CompanyChange.Delete && !State.Going.Add(companyId))
            return;
        if (change == CompanyChange.Rename)
            State.Renaming.Add(companyId);
        await changes.WriteOrReloadAsync();
    }

    public async Task End(CompanyChange change, long companyId)
    {
        if (change == CompanyChange.Delete ? State.Going.Remove(companyId) : State.Renaming.Remove(companyId))
            await changes.WriteOrReloadAsync();
    }

    public Task<IReadOnlyList<long>> Unfinished(CompanyChange change)
        => Task.FromResult<IReadOnlyList<long>>(change == CompanyChange.Delete ? [.. State.Going] : [.. State.Renaming]);
}
