using Actors.Runtime;
using Actors.Runtime.Concurrency;

namespace Actors.Interfaces.Companies;

/// <summary>
/// The company changes that sweep its contacts, under way, keyed <see cref="Key"/>: a change is entered before its
/// company is changed and left once every contact linked to it has followed, so a change a crash cut short is found and
/// finished when the service starts again.
/// </summary>
public interface ICompanyChangesGrain : IGrainWithStringKey
{
    public const string Key = "companies";

    Task Begin(CompanyChange change, long companyId);

    Task End(CompanyChange change, long companyId);

    [ReadOnly]
    Task<IReadOnlyList<long>> Unfinished(CompanyChange change);
}

/// <summary>What a company change does to the contacts linked to the company.</summary>
public enum CompanyChange
{
    /// <summary>The company is deleted: its links go.</summary>
    Delete,

    /// <summary>The company is renamed: its links, and the company fields that name it, show the new name.</summary>
    Rename,
}
