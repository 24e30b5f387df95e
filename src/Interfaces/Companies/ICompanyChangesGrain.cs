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

    /// <summary>Enters the change; a delete once however often it begins, a rename once for each rename begun.</summary>
    Task Begin(CompanyChange change, long companyId);

    /// <summary>Leaves the change: the delete, or one of the renames begun.</summary>
    Task End(CompanyChange change, long companyId);

    /// <summary>The companies whose change began and has not ended; a company appears once for each rename under way.</summary>
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
