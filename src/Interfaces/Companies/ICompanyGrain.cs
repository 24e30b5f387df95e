using Actors.Runtime;
using Actors.Runtime.Concurrency;

namespace Actors.Interfaces.Companies;

/// <summary>
/// One company, keyed by its id as a string. Its name is unique: the identifier index entry
/// <see cref="CompanyNames.Key"/> names the company that owns it, so concurrent hits naming a new company meet there.
/// </summary>
public interface ICompanyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Sets the edit's field values, creating the company when it does not exist (or was deleted); answers what it held
    /// before and holds after, or null when a delete has begun (<see cref="BeginDelete"/>): a company on its way out
    /// takes no writes. Writes are applied one at a time, each claiming the name it sets and freeing the one it replaced
    /// (<see cref="CompanyNames.Key"/>), whatever another rename did between the writer reading the company and writing
    /// it; a write whose new name another company owns changes nothing and answers <see cref="CompanyWritten.NameTaken"/>.
    /// </summary>
    Task<CompanyWritten?> Write(CompanyEdit edit);

    /// <summary>
    /// When there is no company here (a claim a crash left unwritten, or one a write has not reached yet) or its delete has
    /// begun, hands the name claimed for it to <paramref name="heir"/>, in this company's turn so a write of it cannot land
    /// between the look and the hand-over; true when the heir owns the name now.
    /// </summary>
    Task<bool> HandOver(string name, long heir);

    /// <summary>The company, or null when it does not exist or its delete has begun.</summary>
    [ReadOnly]
    Task<CompanySnapshot?> Get();

    /// <summary>
    /// Marks the company as going, stored before its contacts are swept: from then on it reads as gone and takes no
    /// writes. Answers what it holds, also when the mark was set before (a delete repeated or resumed); null when there is none.
    /// </summary>
    Task<CompanySnapshot?> BeginDelete();

    /// <summary>Empties the company; answers what it held, or null when there was none.</summary>
    Task<CompanySnapshot?> Delete();
}

/// <summary>A change to a company. A null value clears the field; with <see cref="Replace"/> every field not named is cleared too.</summary>
public sealed record CompanyEdit
{
    public required DateTimeOffset At { get; init; }
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();
    public bool Replace { get; init; }
}

/// <summary>What a company write found (null: no company) and what it left; NameTaken when it wrote nothing since another company owns the name.</summary>
public sealed record CompanyWritten(CompanySnapshot? Before, CompanySnapshot After, bool NameTaken = false);

public sealed record CompanySnapshot
{
    public required long Id { get; init; }
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();
    public DateTimeOffset DateAdded { get; init; }
    public DateTimeOffset DateModified { get; init; }

    public string? Name => Fields.GetValueOrDefault(CompanyNames.Alias);
}

public static class CompanyNames
{
    /// <summary>The company field that identifies a company, as Mautic's default company unique field.</summary>
    public const string Alias = "companyname";

    /// <summary>
    /// The identifier index key of a company name. Its prefix cannot be a field alias, so a company name never meets a
    /// contact's identifier at the same index grain.
    /// </summary>
    public static string Key(string name) => Identity.UniqueIdentifier.Normalize("company/name", name);
}

/// <summary>A contact's link to a company (Mautic's companies_leads): when it was made and whether it is the primary one.</summary>
public sealed record CompanyLink(long CompanyId, string? CompanyName, DateTimeOffset DateAssociated, bool IsPrimary);

/// <summary>A company's new name, for <see cref="Contacts.ContactEdit.RenameCompany"/>.</summary>
public sealed record CompanyRename(long CompanyId, string? Name);
