using Actors.Runtime;
using Actors.Runtime.Concurrency;

namespace Actors.Interfaces.Companies;

/// <summary>
/// The company deletes under way, keyed <see cref="Key"/>: a delete is entered before its company is marked and left
/// once the company is emptied, so a delete a crash cut short is found and finished when the service starts again.
/// </summary>
public interface ICompanyDeletesGrain : IGrainWithStringKey
{
    public const string Key = "companies";

    Task Begin(long companyId);

    Task End(long companyId);

    [ReadOnly]
    Task<IReadOnlyList<long>> Going();
}
