using Actors.Grains.Contacts;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Interfaces.Identity;
using Actors.Runtime;

namespace Actors.Grains.Identity;

/// <summary>
/// Finds the contact a tracking hit belongs to by the unique values it names (MAUTIC-SPEC 2.2 as changed by product
/// decisions 1-4), in two steps:
///   Choose  the device's contact, unless it holds another value of a unique field the hit names: then it is someone
///           else, and the hit goes to the owner of the hit's value, or to a new contact that claims it. The device's
///           contact is left as it is: values, index entries, history.
///   Claim   each value is claimed for the chosen contact at its index grain, first writer wins. A value another contact
///           owns merges the two (the known contact keeps its id: an anonymous one always loses; between two identified
///           ones the older wins, so two devices racing the other way round pick the same winner), unless their unique
///           values conflict: then there is no merge and the owner keeps its value, since knowing two customers'
///           addresses must not join them (Mautic's rule for forms, MAUTIC-SPEC 2.5). A value of a field the contact
///           holds another value of is not claimed either.
/// With And the hit's one claim is, once the contact is chosen, the combination that contact comes to hold (its unique
/// values and the hit's, <see cref="TrackHit.ClaimsFor"/>), the key an API write of those values claims.
/// The contact records only the hit's unique values it owns at the end (<see cref="PageFor"/>), so no hit overwrites a
/// unique value and no index entry leads to a contact that shows another value. Two hits from two devices of one contact
/// without a value can each claim a different new value for it at once; the contact takes the first it records and refuses
/// the other hit whole, whose values are then given back (<see cref="GiveBack"/>) and resolved again: the contact now holds
/// another value, so that hit is someone else's (Choose). Nothing is written before the claims:
/// a crash leaves at most a value claimed for a contact that has not recorded the hit yet, which the next write of that
/// value (a hit, the API) finds and fills.
/// </summary>
internal sealed class Identification(IGrainFactory grains, ContactIdSource contactIds, TrackHit hit)
{
    // A winner can itself be merged away while this runs; each retry starts again from the live contacts.
    private const int MaxAttempts = 5;

    // A merge that met another merge (Busy, or Pending behind the loser's own) is settled by the contacts' retry within
    // 0.2-1 s (ContactGrain.Surrender.cs); retrying at once would spend every attempt inside that window. The waits
    // grow, with jitter, to 1.5-3.5 s in all before the last attempt.
    private static readonly (int Min, int Max) BackoffStepMs = (150, 350);

    private readonly IReadOnlyList<IdentifierClaim> _hitClaims = hit.Claims();

    /// <summary>The hit's claims, as the chosen contact claims them (<see cref="TrackHit.ClaimsFor"/>).</summary>
    private IReadOnlyList<IdentifierClaim> _claims = [];
    private readonly List<IdentifierClaim> _held = [];

    /// <summary>What the chosen contact is known by: its stored unique values and keys, and the claims it won in this hit.</summary>
    private UniqueValues _known = UniqueValues.None;

    /// <summary>The live contact the hit goes to. A hit naming no unique value costs no call.</summary>
    public async Task<long> Resolve(long contactId)
    {
        _held.Clear();
        _claims = _hitClaims;
        if (_claims.Count == 0)
            return contactId;
        var owners = await Task.WhenAll(_claims.Select(claim => Index(claim.Key).Owner()));
        if (owners.All(owner => owner == contactId))
        {
            _held.AddRange(_claims);
            return contactId;
        }
        contactId = await Choose(contactId, owners);
        foreach (var claim in _claims)
        {
            // Checked against what the contact is known by now, merges of the claims before included.
            if (!_known.IsSomeoneElse(ValuesOf(claim)))
                contactId = await Claim(claim, contactId);
        }
        return contactId;
    }

    /// <summary>The hit as the resolved contact records it: with the keys it owns, without the unique values it does not own.</summary>
    public PageHit PageFor(PageHit page)
    {
        var others = _claims.Except(_held).SelectMany(claim => claim.Aliases).ToHashSet(StringComparer.Ordinal);
        return page with
        {
            Claims = _held.ToArray(),
            CombinedUniqueAliases = hit.Operator == UniqueIdentifiersOperator.And ? hit.UniqueAliases : null,
            Fields = others.Count == 0 ? page.Fields : page.Fields.Where(field => !others.Contains(field.Key)).ToDictionary(),
        };
    }

    /// <summary>
    /// The contact refused the hit: another hit recorded another value of a field this one claimed for it
    /// (<see cref="HitOutcome.SomeoneElse"/>). The values it cannot take are let go, where this hit took them for it, so
    /// that the next <see cref="Resolve"/> takes them for their owner or a new contact. The contact lets them go in its
    /// turn (<see cref="IContactGrain.LetGo"/>): an API edit of it may have recorded one since it was read here.
    /// </summary>
    public async Task GiveBack(long contactId)
    {
        var known = await KnownAs(contactId);
        var someoneElses = _held.Where(claim => known.IsSomeoneElse(ValuesOf(claim))).Select(claim => claim.Key).ToArray();
        if (someoneElses.Length > 0)
            await grains.GetContact(contactId).LetGo(someoneElses);
    }

    private async Task<long> Choose(long contactId, long?[] owners)
    {
        contactId = await grains.ResolveContactAsync(contactId);
        var chosen = await ChooseAs(contactId);
        var other = Enumerable.Range(0, _claims.Count).FirstOrDefault(i => _known.IsSomeoneElse(ValuesOf(_claims[i])), -1);
        if (other < 0)
        {
            _claims = hit.ClaimsFor(chosen?.Fields);
            return contactId;
        }
        // Claimed at once for a new contact, so of two hits racing to the same new value both end at its one owner.
        var owner = owners[other] ?? await grains.ClaimAsync(_claims[other].Key, await contactIds.Next());
        owner = await grains.ResolveContactAsync(owner);
        _claims = hit.ClaimsFor((await ChooseAs(owner))?.Fields);
        return owner;
    }

    /// <summary>Reads the contact the hit goes to, which it is known by from now on.</summary>
    private async Task<ContactSnapshot?> ChooseAs(long contactId)
    {
        var contact = await grains.GetContact(contactId).Get();
        _known = Known(contact);
        return contact;
    }

    private async Task<long> Claim(IdentifierClaim claim, long contactId)
    {
        for (var attempt = 1; ; attempt++)
        {
            var owner = await grains.ClaimAsync(claim.Key, contactId);
            if (owner == contactId)
                return Hold(claim, contactId);
            owner = await grains.ResolveContactAsync(owner);
            contactId = await grains.ResolveContactAsync(contactId);
            if (owner == contactId)
                return Hold(claim, contactId);
            var mine = await grains.GetContact(contactId).Get();
            var theirs = await grains.GetContact(owner).Get();
            // A deleted contact (its device hit again) holds nothing to merge: its visitor is the owner from now on.
            if (mine is null && await grains.GetContact(contactId).IsDeleted())
            {
                _held.Clear();
                _known = Known(theirs);
                return Hold(claim, owner);
            }
            _known = _held.Aggregate(Known(mine), (known, held) => known.With(ValuesOf(held)));
            if (_known.ConflictsWith(Known(theirs)))
                return contactId;
            var (winner, loser) = ChooseWinner(mine, contactId, theirs, owner);
            var outcome = await grains.GetContact(winner).Absorb(loser, hit.Operator == UniqueIdentifiersOperator.And ? hit.UniqueAliases : null);
            if (outcome == MergeOutcome.Merged)
            {
                _known = _known.With(Known(theirs));
                return Hold(claim, winner);
            }
            if (attempt == MaxAttempts)
                throw new InvalidOperationException($"Could not merge contacts {contactId} and {owner} for '{claim.Key}' after {MaxAttempts} attempts.");
            if (outcome is MergeOutcome.Busy or MergeOutcome.Pending)
                await Task.Delay(TimeSpan.FromMilliseconds(attempt * Random.Shared.Next(BackoffStepMs.Min, BackoffStepMs.Max)));
        }
    }

    private long Hold(IdentifierClaim claim, long contactId)
    {
        _held.Add(claim);
        _known = _known.With(ValuesOf(claim));
        return contactId;
    }

    private static (long Winner, long Loser) ChooseWinner(ContactSnapshot? mine, long candidate, ContactSnapshot? theirs, long owner)
    {
        if (mine is null || mine.IsAnonymous)
            return (owner, candidate);
        return theirs is null || theirs.IsAnonymous || IsOlder(mine, theirs) ? (candidate, owner) : (owner, candidate);
    }

    private static bool IsOlder(ContactSnapshot a, ContactSnapshot b)
        => (a.DateAdded ?? DateTimeOffset.MaxValue, a.Id).CompareTo((b.DateAdded ?? DateTimeOffset.MaxValue, b.Id)) < 0;

    private async Task<UniqueValues> KnownAs(long contactId) => Known(await grains.GetContact(contactId).Get());

    private UniqueValues Known(ContactSnapshot? contact) => UniqueValues.Of(contact, hit.UniqueAliases);

    private UniqueValues ValuesOf(IdentifierClaim claim) => UniqueValues.Of(claim, hit.Page.Fields);

    private IIdentifierIndexGrain Index(string key) => grains.GetGrain<IIdentifierIndexGrain>(key);
}
