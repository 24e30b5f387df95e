using Actors.Grains.Persistence;
using Actors.Interfaces.Companies;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Companies;

internal sealed class CompanyChangesState
{
    /// <summary>The companies whose delete began (the name the state had when it held deletes only).</summary>
    public HashSet<long> Going { get; set; } = [];

    public HashSet<long> Renaming { get; set; } = [];

    public HashSet<long> Of(CompanyChange change) => change == CompanyChange.Delete ? Going : Renaming;
}

/// <summary>The ids of the companies whose delete or rename began and has not ended; stored before each answer.</summary>
// Named as it was when it held deletes only, so the changes an older build stored are found.
[GrainType("companydeletes")]
internal sealed class CompanyChangesGrain(
    [PersistentState("companyDeletes")] IPersistentState<CompanyChangesState> changes) : Grain, ICompanyChangesGrain
{
    public async Task Begin(CompanyChange change, long companyId)
    {
        if (changes.State.Of(change).Add(companyId))
            await changes.WriteOrReloadAsync();
    }

    public async Task End(CompanyChange change, long companyId)
    {
        if (changes.State.Of(change).Remove(companyId))
            await changes.WriteOrReloadAsync();
    }

    public Task<IReadOnlyList<long>> Unfinished(CompanyChange change) => Task.FromResult<IReadOnlyList<long>>([.. changes.State.Of(change)]);
}
