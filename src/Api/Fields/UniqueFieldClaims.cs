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
/// frees it as for any identifier, and the next attempt claims it again.
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
        await sweep.VisitAsync(new Condition(ContactColumns.Field(field.Alias, [field])!, Comparison.IsNotNull, []), async contact =>
        {
            var result = await writer.Update(contact.Id, new ContactEdit { At = clock.GetUtcNow() }, TrackHit.IdentifiersOf(contact.Fields, unique, combine));
            if (result.Outcome == WriteKind.UniqueConflict)
                shared.GetOrAdd(result.ConflictIdentifier!, _ => []).Add(contact.Fields.GetValueOrDefault(field.Alias) ?? "");
        }, cancellationToken);
        if (shared.IsEmpty)
            return null;
        // Each shared key has its owner besides the contacts refused.
        var contacts = shared.Values.Sum(refused => refused.Count + 1);
        var example = shared.Values.First().First();
        var message = $"{contacts} contacts share values of this field (such as \"{example}\"); make their values unique first.";
        return ApiErrors.Problem(StatusCodes.Status422UnprocessableEntity, $"isUniqueIdentifier: {message}",
            new JsonObject { ["isUniqueIdentifier"] = new JsonArray(message) });
    }
}
