using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Actors.Api.Catalogs;
using Actors.Api.Contacts;
using Actors.Api.Errors;
using Actors.Grains.Contacts;
using Actors.Grains.Storage.Contacts.Query;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Interfaces.Fields;
using Microsoft.Extensions.Options;

namespace Actors.Api.Fields;

/// <summary>
/// Making a field unique (isUniqueIdentifier from false to true) while contacts already hold values of it. Each such
/// contact claims its identifiers at the index grains, as a write would, so that the next create or hit with one of
/// those values finds its contact. A value two contacts hold cannot be made unique: the change is refused with a 422
/// naming how many contacts share values and one of the values, as a write of a value another contact owns is refused,
/// rather than leaving one contact unable to save the value it holds. The values are claimed before the field is made
/// unique, when nothing looks the claims up, and again after, for the writes that landed in between; a value made
/// shared meanwhile turns the field back and refuses the change too. A claim a refused change made stays with its
/// contact, which holds the value: nothing consults it while the field is not unique, a write replacing the value
/// frees it as for any identifier, and the next attempt claims it again. With And a contact is known by the combination
/// of all its unique values, so a field joining or leaving the unique ones changes the combination of every contact
/// holding a value of it: once the catalog changed, each such contact takes its new combination and frees its old one
/// (<see cref="RekeyAsync"/>).
/// </summary>
public sealed class UniqueFieldClaims(ContactWriter writer, ContactSweep sweep, FieldCatalogCache cache, IOptions<ContactOptions> options, TimeProvider clock)
{
    /// <summary>Claims the values contacts hold of <paramref name="field"/> as if it were unique; answers the 422 to give when some are shared.</summary>
    public async Task<IResult?> ClaimAsync(FieldDefinition field, CancellationToken cancellationToken)
    {
        var unique = (await cache.GetAsync()).UniqueAliases.Append(field.Alias).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var combine = options.Value.UniqueIdentifiersOperator;
        // The contacts refused a claim, with their value, by the key another contact owns.
        var shared = new ConcurrentDictionary<string, ConcurrentBag<string>>(StringComparer.Ordinal);
        await sweep.VisitAsync(Holding(field), async contact =>
        {
            var result = await writer.Update(contact.Id, new ContactEdit { At = clock.GetUtcNow() }, TrackHit.IdentifiersOf(contact.Fields, unique, combine));
            if (result.Outcome == WriteKind.UniqueConflict)
                shared.GetOrAdd(result.ConflictIdentifier!, _ => []).Add(contact.Fields.GetValueOrDefault(field.Alias) ?? "");
        }, cancellationToken);
        return shared.IsEmpty ? null : Shared(shared, "share values of this field", "make their values unique first");
    }

    /// <summary>
    /// With And, whether <paramref name="field"/> can stop being unique: each contact holding a value of it is known from
    /// then on by the combination of its other unique values, which must be no other contact's. Only read, since those
    /// keys are looked up already (a contact holding just those values owns one); answers the 422 to give when some
    /// would be shared.
    /// </summary>
    public async Task<IResult?> CheckUnsharedWithoutAsync(FieldDefinition field, CancellationToken cancellationToken)
    {
        var others = (await cache.GetAsync()).UniqueAliases.Where(alias => !Same(alias, field.Alias)).ToArray();
        var holders = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var shared = new ConcurrentDictionary<string, ConcurrentBag<string>>(StringComparer.Ordinal);
        await sweep.VisitAsync(Holding(field), async contact =>
        {
            if (TrackHit.IdentifiersOf(contact.Fields, others, UniqueIdentifiersOperator.And) is not [var key])
                return;
            var holder = holders.GetOrAdd(key, contact.Id);
            var owner = await writer.ContactReachedBy(key);
            if (holder != contact.Id || (owner is { } found && found != contact.Id))
                shared.GetOrAdd(key, _ => []).Add(key);
        }, cancellationToken);
        return shared.IsEmpty ? null : Shared(shared, "share their other unique values without this field", "make them unique first");
    }

    /// <summary>
    /// With And, once <paramref name="field"/> was made unique or stopped being: each contact holding a value of it claims
    /// the combination of its unique values as they are now and frees the one it held under those before, which no write
    /// looks up any more (an old combination left would still find the contact, and keep a new contact that holds just
    /// it from being created). Each contact does both in one turn, and a second run finds nothing to do, so a field edit
    /// naming isUniqueIdentifier runs it again: repeating the edit finishes a run a crash cut short.
    /// </summary>
    public async Task RekeyAsync(FieldDefinition field, CancellationToken cancellationToken)
    {
        if (options.Value.UniqueIdentifiersOperator != UniqueIdentifiersOperator.And)
            return;
        var now = (await cache.GetAsync()).UniqueAliases;
        var others = now.Where(alias => !Same(alias, field.Alias));
        IReadOnlyList<string> former = field.IsUniqueIdentifier ? [.. others] : [.. others, field.Alias];
        await sweep.VisitAsync(Holding(field), contact => writer.Update(contact.Id,
            new ContactEdit { At = clock.GetUtcNow(), CombinedUniqueAliases = now, FormerUniqueAliases = former }, []), cancellationToken);
    }

    private static Condition Holding(FieldDefinition field) => new(ContactColumns.Field(field.Alias, [field])!, Comparison.IsNotNull, []);

    private static bool Same(string alias, string other) => string.Equals(alias, other, StringComparison.OrdinalIgnoreCase);

    /// <summary>The 422 for values that several contacts hold, by the key each group shares, naming one of them.</summary>
    private static IResult Shared(ConcurrentDictionary<string, ConcurrentBag<string>> refused, string what, string remedy)
    {
        // Each shared key has its owner besides the contacts refused.
        var contacts = refused.Values.Sum(group => group.Count + 1);
        var example = refused.Values.First().First();
        var message = $"{contacts} contacts {what} (such as \"{example}\"); {remedy}.";
        return ApiErrors.Problem(StatusCodes.Status422UnprocessableEntity, $"isUniqueIdentifier: {message}",
            new JsonObject { ["isUniqueIdentifier"] = new JsonArray(message) });
    }
}
