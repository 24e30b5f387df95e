using System.Globalization;
using Actors.Interfaces.Companies;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Identity;
using Actors.Runtime;

namespace Actors.Grains.Companies;

/// <summary>
/// Companies found by name, and created when none has it. A company's name is claimed at its identifier index entry
/// (<see cref="CompanyNames.Key"/>) before the company is written, first claim wins, so concurrent hits, API writes or
/// import rows naming a new company end as one company. A new company's id comes from an id allocator grain of its
/// own, keyed "companies". A crash between the claim and the write leaves a name owned by an empty company; the next
/// writer of that name fills it, so no name is ever lost to a company that does not exist.
/// </summary>
public sealed class CompaniesByName(IGrainFactory grains)
{
    private const string IdAllocatorKey = "companies";

    /// <summary>
    /// Updates the company with this name, or creates it. Created is true when no company had the name. With
    /// <paramref name="keepName"/> (a contact's company field, a tracking hit) a company that exists keeps its name as
    /// it is spelled, since the caller names it in whatever case it was typed (<c>acme</c> finds <c>Acme</c>, and must
    /// not rename it); the other fields still update it. <paramref name="whenNew"/> holds values that only a company this
    /// call creates takes (a tracking hit's contact city for its new company's companycity).
    /// </summary>
    public async Task<(CompanySnapshot Company, bool Created)> Upsert(string name, IReadOnlyDictionary<string, string?> fields, DateTimeOffset at, bool keepName,
        IReadOnlyDictionary<string, string?>? whenNew = null)
    {
        var index = Index(name);
        var owner = await index.Owner() ?? await index.Claim(await NewId());
        while (true)
        {
            var company = Company(owner);
            var current = await company.Get();
            IReadOnlyDictionary<string, string?> values = current?.Name is null
                ? (whenNew ?? new Dictionary<string, string?>()).Where(field => !fields.ContainsKey(field.Key)).Concat(fields).ToDictionary()
                : keepName ? fields.Where(field => field.Key != CompanyNames.Alias).ToDictionary() : fields;
            // A repeated hit or write names the same company with the same values: nothing to write.
            if (current is not null && values.All(f => current.Fields.GetValueOrDefault(f.Key) == f.Value))
                return (current, false);
            var written = await company.Write(new CompanyEdit { At = at, Fields = values });
            if (written is { NameTaken: false })
                return (written.After, current is null);
            // A rename took the name from the company claimed here before it was written: the name leads to the renamed one.
            if (written is not null)
            {
                owner = await index.Owner() ?? await index.Claim(await NewId());
                continue;
            }
            // The name's company is being deleted: the name goes to a new company, as it would once the delete frees it.
            var id = await NewId();
            owner = await index.Redirect(owner, id) ?? await index.Claim(id);
        }
    }

    /// <summary>
    /// The edit with the company its company field names found or created and linked as the primary one (MAUTIC-SPEC
    /// 3.2: <c>company</c> drives company linking), the field taking the company's own spelling, the company taking the
    /// edit's <see cref="ContactEdit.CompanyFields"/>; an edit that names no company in that field, or links one itself,
    /// is answered as it is.
    /// </summary>
    public async Task<ContactEdit> LinkNamedCompany(ContactEdit edit)
    {
        if (!NamesCompany(edit))
            return edit;
        var name = edit.Fields[CompanyField]!.Trim();
        // Trimmed, as the companies endpoints store a name: "  Omega  " made a company no other path could name alike.
        var values = new Dictionary<string, string?>(edit.CompanyFields) { [CompanyNames.Alias] = name };
        var (company, _) = await Upsert(name, values, edit.At, keepName: true);
        var fields = new Dictionary<string, string?>(edit.Fields) { [CompanyField] = company.Name };
        return edit with { Fields = fields, LinkCompany = new CompanyLink(company.Id, company.Name, edit.At, IsPrimary: true) };
    }

    /// <summary>True when the edit's company field names a company for <see cref="LinkNamedCompany"/> to link.</summary>
    public static bool NamesCompany(ContactEdit edit)
        => edit.LinkCompany is null && !string.IsNullOrWhiteSpace(edit.Fields.GetValueOrDefault(CompanyField));

    /// <summary>
    /// What a contact just linked to the company, under the name <paramref name="linkedName"/>, must now change: an unlink
    /// when its delete began meanwhile (that delete's sweep may have passed the contact already), a rename when it was
    /// renamed meanwhile (likewise), else nothing.
    /// </summary>
    public async Task<ContactEdit?> CatchUp(long companyId, string? linkedName, DateTimeOffset at)
        => await Company(companyId).Get() switch
        {
            null => new ContactEdit { At = at, UnlinkCompany = companyId },
            { Name: var name } when name != linkedName => new ContactEdit { At = at, RenameCompany = new CompanyRename(companyId, name) },
            _ => null,
        };

    /// <summary>The contact field that names the contact's primary company.</summary>
    public const string CompanyField = "company";

    private async Task<long> NewId() => (await grains.GetGrain<IContactIdAllocatorGrain>(IdAllocatorKey).Reserve(1)).First;

    private IIdentifierIndexGrain Index(string name) => grains.GetGrain<IIdentifierIndexGrain>(CompanyNames.Key(name));

    private ICompanyGrain Company(long id) => grains.GetGrain<ICompanyGrain>(id.ToString(CultureInfo.InvariantCulture));
}
