using Actors.Api.Catalogs;
using Actors.Api.Contacts;
using Actors.Grains.Companies;
using Actors.Grains.Contacts;
using Actors.Grains.Storage.Contacts.Query;
using Actors.Interfaces.Companies;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Identity;
using Actors.Runtime;

namespace Actors.Api.Companies;

/// <summary>
/// Companies for the API: found or created by name (<see cref="CompaniesByName"/>), edited, deleted and linked to contacts.
/// A delete or a rename follows its company through the contacts as Mautic's companies_leads rows follow theirs: it is
/// entered in the changes under way (<see cref="ICompanyChangesGrain"/>), then a delete marks the company going (hidden,
/// taking no writes), frees its name, unlinks it from every contact linked to it (the next link becomes primary and
/// names the contact's company field where that field named the company deleted, as a remove does), then empties the
/// company; a rename writes the new name, frees the one its write replaced, then shows the name on every contact linked
/// to it (the link, and the company field where it named the company), sweeping again until the name it showed is still
/// the company's, so renames running at once end with every contact showing the final name. Every step is idempotent,
/// so a change a crash cut short is finished by repeating the request or, at start-up, by <see cref="FinishChangesAsync"/>.
/// A link made while a change runs reads the company again after its write (<see cref="CompaniesByName.CatchUp"/>) and
/// takes itself back when the company is going, or takes the new name, so a link the sweep missed does not outlive the
/// company or its old name (as <c>GoingEntries</c> does for segments and stages); a merge does the same for the links
/// the loser brings to the winner (ContactGrain.Merge.cs).
/// </summary>
public sealed class CompanyDirectory(IGrainFactory grains, CompaniesByName byName, ContactWriter contacts, ContactSweep sweep)
{
    /// <summary>Updates the company with this name, or creates it. Created is true when no company had the name.</summary>
    public Task<(CompanySnapshot Company, bool Created)> Upsert(string name, IReadOnlyDictionary<string, string?> fields, DateTimeOffset at)
        => byName.Upsert(name, fields, at, keepName: false);

    /// <summary>
    /// <see cref="Upsert(string, IReadOnlyDictionary{string, string?}, DateTimeOffset)"/> for a tracking hit: a company
    /// that exists keeps its name as it is spelled (<c>acme</c> finds <c>Acme</c>); the hit's other fields still update it.
    /// <paramref name="whenNew"/> holds values only a company this call creates takes.
    /// </summary>
    public async Task<CompanySnapshot> FindOrCreate(string name, IReadOnlyDictionary<string, string?> fields,
        IReadOnlyDictionary<string, string?> whenNew, DateTimeOffset at)
        => (await byName.Upsert(name, fields, at, keepName: true, whenNew)).Company;

    /// <summary>Edits an existing company; a new name must be free (or owned by no live company). Null when there is no such company.</summary>
    public async Task<CompanyWrite?> Edit(long id, IReadOnlyDictionary<string, string?> fields, bool replace, DateTimeOffset at)
    {
        var company = Company(id);
        if (await company.Get() is not { } before)
            return null;
        var name = fields.GetValueOrDefault(CompanyNames.Alias) ?? (replace ? null : before.Name);
        if (name is null)
            return new CompanyWrite(null, NameRequired: true, NameTaken: false);
        if ((before.Name is null || CompanyNames.Key(name) != CompanyNames.Key(before.Name)) && !await ClaimFor(id, name))
            return new CompanyWrite(null, NameRequired: false, NameTaken: true);
        // A change of case renames too: the contacts show the company's name as it is spelled.
        var renaming = name != before.Name;
        if (renaming)
            await Changes.Begin(CompanyChange.Rename, id);
        if (await company.Write(new CompanyEdit { At = at, Fields = fields, Replace = replace }) is not { } written)
        {
            // A delete began since the read, and comes after this edit; it unlinks the contacts this rename would reach.
            if (renaming)
                await Changes.End(CompanyChange.Rename, id);
            return null;
        }
        if (written.NameTaken)
        {
            // A contact write naming a new company, or another company's rename, took the name since the claim above.
            if (renaming)
                await Changes.End(CompanyChange.Rename, id);
            return new CompanyWrite(null, NameRequired: false, NameTaken: true);
        }
        // A rename of another request landed between the read and this write, which renamed the company back.
        if (!renaming && written.Before?.Name != written.After.Name)
        {
            renaming = true;
            await Changes.Begin(CompanyChange.Rename, id);
        }
        if (renaming)
            await FinishRename(id, marks: 1, CancellationToken.None);
        return new CompanyWrite(written.After, false, false);
    }

    /// <summary>
    /// Shows the company's name, as it is now, on every contact linked to it, then leaves <paramref name="marks"/> renames.
    /// Renames of one company may sweep at once, each showing the name it read, so a contact may take an earlier name
    /// after the final one: a sweep ends only when the company still has the name it showed. Whichever sweep ends last
    /// read the final name after every other sweep had shown its own, and showed it on every contact after them.
    /// </summary>
    private async Task FinishRename(long id, int marks, CancellationToken cancellationToken)
    {
        var company = await Company(id).Get();
        while (company is not null)
        {
            var rename = new CompanyRename(id, company.Name);
            await sweep.ApplyAsync(new SetHoldsAny(ContactSet.Companies, [id]), at => new ContactEdit { At = at, RenameCompany = rename }, cancellationToken);
            var after = await Company(id).Get();
            company = after?.Name == rename.Name ? null : after;
        }
        for (var mark = 0; mark < marks; mark++)
            await Changes.End(CompanyChange.Rename, id);
    }

    /// <summary>Deletes the company (see the class summary); answers what it held, or null when there is no such company.</summary>
    public async Task<CompanySnapshot?> Delete(long id, CancellationToken cancellationToken)
    {
        // A company whose delete began reads as gone, but repeating its delete finishes it.
        if (await Company(id).Get() is null && !(await Changes.Unfinished(CompanyChange.Delete)).Contains(id))
            return null;
        await Changes.Begin(CompanyChange.Delete, id);
        var deleted = await Company(id).BeginDelete();
        if (deleted is not null)
        {
            if (deleted.Name is { } name)
                await Index(name).Release(id);
            await sweep.ApplyAsync(new SetHoldsAny(ContactSet.Companies, [id]), at => new ContactEdit { At = at, UnlinkCompany = id }, cancellationToken);
            await Company(id).Delete();
        }
        await Changes.End(CompanyChange.Delete, id);
        return deleted;
    }

    /// <summary>Finishes the deletes and renames an earlier process began and did not end.</summary>
    public async Task FinishChangesAsync(CancellationToken cancellationToken)
    {
        foreach (var id in await Changes.Unfinished(CompanyChange.Delete))
            await Delete(id, cancellationToken);
        // A company renamed twice at once by a process that stopped is swept once, and both its renames end.
        foreach (var renamed in (await Changes.Unfinished(CompanyChange.Rename)).GroupBy(id => id))
            await FinishRename(renamed.Key, renamed.Count(), cancellationToken);
    }

    public Task<CompanySnapshot?> Get(long id) => Company(id).Get();

    /// <summary>Links the contact to the company as its primary one; false when the contact or the company is gone.</summary>
    public async Task<bool> Link(long contactId, CompanySnapshot company, DateTimeOffset at)
    {
        var edit = new ContactEdit { At = at, LinkCompany = new CompanyLink(company.Id, company.Name, at, IsPrimary: true) };
        // The writer took the link back if the company's delete began meanwhile.
        return (await contacts.Update(contactId, edit, [])).Outcome == WriteKind.Updated && await Get(company.Id) is not null;
    }

    /// <summary>
    /// Brings the contact's links to <paramref name="linked"/>, just made, up to date with the deletes and renames that
    /// began meanwhile (see the class summary); true when one of the companies was going and its link was taken back.
    /// </summary>
    public async Task<bool> TakeBackGoingAsync(long contactId, IEnumerable<CompanyLink> linked, DateTimeOffset at)
    {
        var takenBack = false;
        foreach (var link in linked)
        {
            if (await byName.CatchUp(link.CompanyId, link.CompanyName, at) is not { } catchUp)
                continue;
            await contacts.Update(contactId, catchUp, []);
            takenBack |= catchUp.UnlinkCompany is not null;
        }
        return takenBack;
    }

    public async Task Unlink(long contactId, long companyId, DateTimeOffset at)
        => await contacts.Update(contactId, new ContactEdit { At = at, UnlinkCompany = companyId }, []);

    /// <summary>
    /// Claims the name for the company; a name whose owner holds no company is handed over. That owner may be a company
    /// a contact write claimed and has not written yet: its write then finds the name taken and goes to this company.
    /// </summary>
    private async Task<bool> ClaimFor(long id, string name)
    {
        var owner = await Index(name).Claim(id);
        return owner == id || await Company(owner).HandOver(name, id);
    }

    private ICompanyChangesGrain Changes => grains.GetGrain<ICompanyChangesGrain>(ICompanyChangesGrain.Key);

    private IIdentifierIndexGrain Index(string name) => grains.GetGrain<IIdentifierIndexGrain>(CompanyNames.Key(name));

    private ICompanyGrain Company(long id) => grains.GetGrain<ICompanyGrain>(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>The outcome of a company edit: the company, or which rule refused it.</summary>
public sealed record CompanyWrite(CompanySnapshot? Company, bool NameRequired, bool NameTaken);
