using Actors.Api.Catalogs;
using Actors.Api.Contacts;
using Actors.Grains.Contacts;
using Actors.Grains.Storage.Contacts.Query;
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
/// A delete follows its company through the contacts as Mautic's companies_leads rows follow theirs: it is entered in
/// the deletes under way (<see cref="ICompanyDeletesGrain"/>), marks the company going (hidden, taking no writes),
/// frees its name, unlinks it from every contact linked to it (the next link becomes primary and names the contact's
/// company field, as a remove does), then empties the company and ends. Every step is idempotent, so a delete a crash
/// cut short is finished by repeating the request or, at start-up, by <see cref="FinishDeletesAsync"/>. A link made
/// while a delete runs reads the company again after its write and takes itself back when the company is going, so
/// a link the sweep missed does not outlive the company (as <c>GoingEntries</c> does for segments and stages); a merge
/// does the same for the links the loser brings to the winner (ContactGrain.Merge.cs).
/// </summary>
public sealed class CompanyDirectory(IGrainFactory grains, ContactWriter contacts, ContactSweep sweep)
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
        var owner = await index.Owner() ?? await index.Claim(await NewId());
        while (true)
        {
            var company = Company(owner);
            var current = await company.Get();
            var values = keepName && current?.Name is not null ? fields.Where(field => field.Key != CompanyNames.Alias).ToDictionary() : fields;
            // A repeated tracking hit names the same company with the same values: nothing to write.
            if (current is not null && values.All(f => current.Fields.GetValueOrDefault(f.Key) == f.Value))
                return (current, false);
            if (await company.Write(new CompanyEdit { At = at, Fields = values }) is { } written)
                return (written, current is null);
            // The name's company is being deleted: the name goes to a new company, as it would once the delete frees it.
            var id = await NewId();
            owner = await index.Redirect(owner, id) ?? await index.Claim(id);
        }
    }

    private async Task<long> NewId() => (await grains.GetGrain<IContactIdAllocatorGrain>(IdAllocatorKey).Reserve(1)).First;

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
        // Null: a delete began since the read, and comes after this edit.
        if (await company.Write(new CompanyEdit { At = at, Fields = fields, Replace = replace }) is not { } after)
            return null;
        if (renamed && before.Name is not null)
            await Index(before.Name).Release(id);
        return new CompanyWrite(after, false, false);
    }

    /// <summary>Deletes the company (see the class summary); answers what it held, or null when there is no such company.</summary>
    public async Task<CompanySnapshot?> Delete(long id, CancellationToken cancellationToken)
    {
        var deletes = grains.GetGrain<ICompanyDeletesGrain>(ICompanyDeletesGrain.Key);
        // A company whose delete began reads as gone, but repeating its delete finishes it.
        if (await Company(id).Get() is null && !(await deletes.Going()).Contains(id))
            return null;
        await deletes.Begin(id);
        var deleted = await Company(id).BeginDelete();
        if (deleted is not null)
        {
            if (deleted.Name is { } name)
                await Index(name).Release(id);
            await sweep.ApplyAsync(new SetHoldsAny(ContactSet.Companies, [id]), at => new ContactEdit { At = at, UnlinkCompany = id }, cancellationToken);
            await Company(id).Delete();
        }
        await deletes.End(id);
        return deleted;
    }

    /// <summary>Finishes the deletes an earlier process began and did not end.</summary>
    public async Task FinishDeletesAsync(CancellationToken cancellationToken)
    {
        foreach (var id in await grains.GetGrain<ICompanyDeletesGrain>(ICompanyDeletesGrain.Key).Going())
            await Delete(id, cancellationToken);
    }

    public Task<CompanySnapshot?> Get(long id) => Company(id).Get();

    /// <summary>Links the contact to the company as its primary one; false when the contact or the company is gone.</summary>
    public async Task<bool> Link(long contactId, CompanySnapshot company, DateTimeOffset at)
    {
        var edit = new ContactEdit { At = at, LinkCompany = new CompanyLink(company.Id, company.Name, at, IsPrimary: true) };
        return (await contacts.Update(contactId, edit, [])).Outcome == WriteKind.Updated && !await TakeBackGoingAsync(contactId, [company.Id], at);
    }

    /// <summary>
    /// Unlinks the contact from those of <paramref name="companyIds"/> it was just linked to whose delete began
    /// meanwhile (see the class summary); true when there was one.
    /// </summary>
    public async Task<bool> TakeBackGoingAsync(long contactId, IEnumerable<long> companyIds, DateTimeOffset at)
    {
        var takenBack = false;
        foreach (var id in companyIds)
        {
            if (await Company(id).Get() is not null)
                continue;
            await Unlink(contactId, id, at);
            takenBack = true;
        }
        return takenBack;
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
