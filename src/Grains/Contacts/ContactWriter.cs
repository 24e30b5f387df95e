using System.Globalization;
using Actors.Grains.Companies;
using Actors.Grains.Identity;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Interfaces.Identity;
using Actors.Runtime;

namespace Actors.Grains.Contacts;

/// <summary>
/// Writes an API edit to the right contact, with the identifier index grains deciding who owns a unique value,
/// exactly as tracking does. A new contact takes its id from the silo's <see cref="ContactIdSource"/> (the same
/// block allocator devices use), so the Api never invents ids and never needs a round trip per contact.
/// An edit whose company field names a company links it (<see cref="CompaniesByName.LinkNamedCompany"/>), on every path
/// that writes through here (the API's writes and batches, imports), once its unique values are claimed, so a write
/// refused for one of them creates no company; a link is followed by
/// <see cref="CompaniesByName.CatchUp"/>, so a delete or rename of the company that swept past the contact meanwhile
/// still reaches it.
/// </summary>
public sealed class ContactWriter(IGrainFactory grains, ContactIdSource ids, CompaniesByName companies)
{
    // A contact can be merged away between resolving it and applying the edit; each retry resolves again.
    private const int MaxAttempts = 5;

    /// <summary>Updates the contact owning one of the identifiers, or creates one; never creates a duplicate.</summary>
    public async Task<WriteResult> Upsert(ContactEdit edit, IReadOnlyList<string> identifiers)
    {
        // The owner found can be deleted before the edit reaches it; its values are free again then, so the upsert
        // starts over and creates a contact (or finds the one that took them meanwhile).
        for (var attempt = 1; ; attempt++)
        {
            var result = await UpsertOnce(edit, identifiers);
            if (result.Outcome != WriteKind.Deleted)
                return result;
            if (attempt == MaxAttempts)
                throw new InvalidOperationException($"The contacts owning {string.Join(", ", identifiers)} kept being deleted while an edit was applied.");
        }
    }

    private async Task<WriteResult> UpsertOnce(ContactEdit edit, IReadOnlyList<string> identifiers)
    {
        if (await FindOwner(identifiers) is { } existing)
            return await Update(existing, edit, identifiers);
        var id = await ids.Next();
        var claimed = new List<string>();
        foreach (var key in KeysAfter(current: null, edit, identifiers))
        {
            var owner = await grains.ClaimAsync(key, id);
            if (owner != id)
            {
                // A racing request claimed the value first: its contact is the one to update, and the new id stays unused.
                await LetGo(id, claimed);
                return await Update(owner, edit, identifiers);
            }
            claimed.Add(key);
        }
        edit = await companies.LinkNamedCompany(edit);
        if (!await grains.GetContact(id).Apply(edit with { Identifiers = claimed }))
        {
            // A racing edit found the new id at a claimed value's index, made the contact and had it deleted or merged
            // away before this write reached it: nothing of this edit was written, so it gives its values back and the
            // upsert starts over, as for any owner deleted under it.
            await LetGo(id, claimed);
            return new WriteResult(WriteKind.Deleted, id, null);
        }
        await CatchUpWithLink(id, edit);
        return new WriteResult(WriteKind.Created, id, null);
    }

    /// <summary>
    /// Applies the edit to the live contact <paramref name="contactId"/> resolves to, claiming its identifiers;
    /// <see cref="WriteKind.Deleted"/> when that contact is deleted (before or while the edit ran), with nothing written.
    /// </summary>
    public async Task<WriteResult> Update(long contactId, ContactEdit edit, IReadOnlyList<string> identifiers)
    {
        for (var attempt = 1; ; attempt++)
        {
            contactId = await grains.ResolveContactAsync(contactId);
            var claimedNow = new List<string>();
            var keys = await KeysAfter(contactId, edit, identifiers);
            foreach (var key in keys)
            {
                var wasOthers = await Index(key).Owner() != contactId;
                var owner = await grains.ClaimAsync(key, contactId);
                if (owner == contactId && wasOthers)
                    claimedNow.Add(key);
                if (owner != contactId && await grains.ResolveContactAsync(owner) != contactId)
                {
                    // The refused edit must not keep the values it claimed before meeting the conflict.
                    await LetGo(contactId, claimedNow);
                    return new WriteResult(WriteKind.UniqueConflict, contactId, key);
                }
            }
            var contact = grains.GetContact(contactId);
            // The company the edit names is found or created only once the edit is sure to be taken: a refused write
            // leaves no new company, as Mautic's form validates before it saves. A contact deleted meanwhile refuses it.
            if (CompaniesByName.NamesCompany(edit) && !await contact.IsDeleted() && !await KeepsItsCompany(contact, edit))
                edit = await companies.LinkNamedCompany(edit);
            if (await contact.Apply(edit with { Identifiers = keys }))
            {
                await CatchUpWithLink(contactId, edit);
                return new WriteResult(WriteKind.Updated, contactId, null);
            }
            if (await contact.IsDeleted())
            {
                // What this edit claimed for it, and what a crash in the middle of its delete left naming it, is free.
                await Task.WhenAll(keys.Select(key => Index(key).Release(contactId)));
                return new WriteResult(WriteKind.Deleted, contactId, null);
            }
            // Merged away, or (AND) an edit landing meanwhile changed the combination this one leaves, or a value the
            // contact let go meanwhile is another's: worked out again.
            await LetGo(contactId, claimedNow);
            if (attempt == MaxAttempts)
                throw new InvalidOperationException($"Contact {contactId} kept being merged away or edited while an edit was applied.");
        }
    }

    /// <summary>
    /// The keys an edit claims for <paramref name="contactId"/>. With OR they are the values it names. With AND
    /// (<see cref="ContactEdit.CombinedUniqueAliases"/>) a contact is known by the combination of all its unique values,
    /// so an edit naming some of them claims the combination the contact holds after it; the keys that are no unique
    /// value (an import row's own) stay.
    /// </summary>
    private async Task<IReadOnlyList<string>> KeysAfter(long contactId, ContactEdit edit, IReadOnlyList<string> identifiers)
        => edit.CombinedUniqueAliases is null ? identifiers : KeysAfter(await grains.GetContact(contactId).Get(), edit, identifiers);

    private static IReadOnlyList<string> KeysAfter(ContactSnapshot? current, ContactEdit edit, IReadOnlyList<string> identifiers)
    {
        if (edit.CombinedUniqueAliases is not { } combined)
            return identifiers;
        var fields = current?.Fields ?? new Dictionary<string, string?>();
        var writes = ContactRules.FieldWrites(ContactRules.WithTakenBackFields(edit, fields), fields, existed: current is not null);
        var own = identifiers.Except(TrackHit.IdentifiersOf(edit.Fields, combined, UniqueIdentifiersOperator.And));
        return ContactRules.CombinationAfter(fields, writes, combined) is { } combination ? [.. own, combination] : [.. own];
    }

    /// <summary>
    /// Gives back what a refused write claimed for the contact, through the contact (<see cref="IContactGrain.LetGo"/>):
    /// a hit or another edit may have recorded one of the values meanwhile, or claimed it too and be about to.
    /// </summary>
    private async Task LetGo(long contactId, IReadOnlyList<string> keys)
    {
        if (keys.Count > 0)
            await grains.GetContact(contactId).LetGo(keys);
    }

    private async Task CatchUpWithLink(long contactId, ContactEdit edit)
    {
        if (edit.LinkCompany is { } link && await companies.CatchUp(link.CompanyId, link.CompanyName, edit.At) is { } catchUp)
            await Update(contactId, catchUp, []);
    }

    /// <summary>The contact owning the first of the identifiers that has an owner: the one an upsert would update.</summary>
    public async Task<long?> FindOwner(IReadOnlyList<string> identifiers)
    {
        foreach (var key in identifiers)
        {
            if (await Index(key).Owner() is { } owner)
                return owner;
        }
        return null;
    }

    /// <summary>
    /// The live contact a lane key (<see cref="WriteLanes"/>) leads to now: <c>id:N</c> after its merges, a unique value's
    /// owner after its merges; null for a value nobody owns or an id that is not a number.
    /// </summary>
    public async Task<long?> ContactReachedBy(string key)
    {
        long? contact = key.StartsWith(WriteLanes.IdKeyPrefix, StringComparison.Ordinal)
            ? long.TryParse(key.AsSpan(WriteLanes.IdKeyPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null
            : await Index(key).Owner();
        return contact is { } found ? await grains.ResolveContactAsync(found) : null;
    }

    /// <summary>
    /// Whether an import's skip_if_exists keeps the company the contact names (ContactGrain leaves its link as it is):
    /// the company the row names is then neither created nor updated, as Mautic's import skips it for such a contact.
    /// </summary>
    private static async Task<bool> KeepsItsCompany(IContactGrain contact, ContactEdit edit)
        => edit.KeepExistingValues && !string.IsNullOrEmpty((await contact.Get())?.Fields.GetValueOrDefault(CompaniesByName.CompanyField));

    private IIdentifierIndexGrain Index(string key) => grains.GetGrain<IIdentifierIndexGrain>(key);
}

public enum WriteKind
{
    Created,
    Updated,
    UniqueConflict,

    /// <summary>The contact was deleted; nothing was written.</summary>
    Deleted,
}

/// <summary>Where an edit went; <see cref="ConflictIdentifier"/> names the unique value another contact owns.</summary>
public sealed record WriteResult(WriteKind Outcome, long ContactId, string? ConflictIdentifier);
