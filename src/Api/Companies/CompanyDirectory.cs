using Actors.Api.Contacts;
using Actors.Grains.Contacts;
using Actors.Interfaces.Companies;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Identity;
using Actors.Runtime;

namespace Actors.Api.Companies;

/// <summary>
/// Companies by name. A company's name is claimed at its identifier index entry (<see cref="CompanyNames.Key"/>)
/// before the company is written, first claim wins, so concurrent hits or API calls naming a new company end as
/// one company. A new company's id comes from an id allocator grain of its own, keyed "companies".
/// A crash between the claim and the write leaves a name owned by an empty company; the next writer of that name
/// fills it, so no name is ever lost to a company that does not exist.
/// </summary>
public sealed class CompanyDirectory(IGrainFactory grains, ContactWriter contacts)
{
    private const string IdAllocatorKey = "companies";

    /// <summary>Updates the company with this name, or creates it. Created is true when no company had the name.</summary>
    public Task<(CompanySnapshot Company, bool Created)> Upsert(string name, IReadOnlyDictionary<string, string?> fields, DateTimeOffset at)
        => Upsert(name, fields, at, keepName: false);

    /// <summary>
    /// <see cref="Upsert(string, IReadOnlyDictionary{string, string?}, DateTimeOffset)"/> for a tracking hit: a company
    /// that exists keeps its name as it is spelled, since a hit names it in whatever case a visitor typed (<c>acme</c> finds
    /// <c>Acme</c>, and must not rename it); the hit's other fields still update it.
    /// </summary>
    public async Task<CompanySnapshot> FindOrCreate(string name, IReadOnlyDictionary<string, string?> fields, DateTimeOffset at)
        => (await Upsert(name, fields, at, keepName: true)).Company;

    private async Task<(CompanySnapshot Company, bool Created)> Upsert(string name, IReadOnlyDictionary<string, string?> fields, DateTimeOffset at, bool keepName)
    {
        var index = Index(name);
        var owner = await index.Owner();
        if (owner is null)
        {
            var block = await grains.GetGrain<IContactIdAllocatorGrain>(IdAllocatorKey).Reserve(1);
            owner = await index.Claim(block.First);
        }
        var company = Company(owner.Value);
        var current = await company.Get();
        if (keepName && current?.Name is not null)
            fields = fields.Where(field => field.Key != CompanyNames.Alias).ToDictionary();
        // A repeated tracking hit names the same company with the same values: nothing to write.
        if (current is not null && fields.All(f => current.Fields.GetValueOrDefault(f.Key) == f.Value))
            return (current, false);
        return (await company.Write(new CompanyEdit { At = at, Fields = fields }), current is null);
    }

    /// <summary>Edits an existing company; a new name must be free (or owned by no live company). Null when there is no such company.</summary>
    public async Task<CompanyWrite?> Edit(long id, IReadOnlyDictionary<string, string?> fields, bool replace, DateTimeOffset at)
    {
        var company = Company(id);
        if (await company.Get() is not { } before)
            return null;
        var name = fields.GetValueOrDefault(CompanyNames.Alias) ?? (replace ? null : before.Name);
        if (name is null)
            return new CompanyWrite(null, NameRequired: true, NameTaken: false);
        var renamed = before.Name is null || CompanyNames.Key(name) != CompanyNames.Key(before.Name);
        if (renamed && !await ClaimFor(id, name))
            return new CompanyWrite(null, NameRequired: false, NameTaken: true);
        var after = await company.Write(new CompanyEdit { At = at, Fields = fields, Replace = replace });
        if (renamed && before.Name is not null)
            await Index(before.Name).Release(id);
        return new CompanyWrite(after, false, false);
    }

    public async Task<CompanySnapshot?> Delete(long id)
    {
        var deleted = await Company(id).Delete();
        if (deleted?.Name is { } name)
            await Index(name).Release(id);
        return deleted;
    }

    public Task<CompanySnapshot?> Get(long id) => Company(id).Get();

    /// <summary>Links the contact to the company as its primary one; false when the contact is gone.</summary>
    public async Task<bool> Link(long contactId, CompanySnapshot company, DateTimeOffset at)
    {
        var edit = new ContactEdit { At = at, LinkCompany = new CompanyLink(company.Id, company.Name, at, IsPrimary: true) };
        return (await contacts.Update(contactId, edit, [])).Outcome == WriteKind.Updated;
    }

    public async Task Unlink(long contactId, long companyId, DateTimeOffset at)
        => await contacts.Update(contactId, new ContactEdit { At = at, UnlinkCompany = companyId }, []);

    /// <summary>Claims the name for the company; a name whose owner holds no company is taken over.</summary>
    private async Task<bool> ClaimFor(long id, string name)
    {
        var owner = await Index(name).Claim(id);
        if (owner == id)
            return true;
        if (await Company(owner).Get() is not null)
            return false;
        return await Index(name).Redirect(owner, id) == id;
    }

    private IIdentifierIndexGrain Index(string name) => grains.GetGrain<IIdentifierIndexGrain>(CompanyNames.Key(name));

    private ICompanyGrain Company(long id) => grains.GetGrain<ICompanyGrain>(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>The outcome of a company edit: the company, or which rule refused it.</summary>
public sealed record CompanyWrite(CompanySnapshot? Company, bool NameRequired, bool NameTaken);
