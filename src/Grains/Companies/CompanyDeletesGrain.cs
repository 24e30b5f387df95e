using Actors.Grains.Persistence;
using Actors.Interfaces.Companies;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Companies;

internal sealed class CompanyDeletesState
{
    public HashSet<long> Going { get; set; } = [];
}

/// <summary>The ids of the companies whose delete began and has not ended; stored before each answer.</summary>
internal sealed class CompanyDeletesGrain(
    [PersistentState("companyDeletes")] IPersistentState<CompanyDeletesState> deletes) : Grain, ICompanyDeletesGrain
{
    public async Task Begin(long companyId)
    {
        if (deletes.State.Going.Add(companyId))
            await deletes.WriteOrReloadAsync();
    }

    public async Task End(long companyId)
    {
        if (deletes.State.Going.Remove(companyId))
            await deletes.WriteOrReloadAsync();
    }

    public Task<IReadOnlyList<long>> Going() => Task.FromResult<IReadOnlyList<long>>([.. deletes.State.Going]);
}
