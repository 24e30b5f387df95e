using Actors.Interfaces.Contacts;
using Actors.Interfaces.Identity;
using Actors.Runtime;
using Actors.Runtime.Concurrency;

namespace Actors.Interfaces.Devices;

/// <summary>A tracked browser, keyed by its tracking id (see <see cref="DeviceId"/>).</summary>
public interface IDeviceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Resolves the device's contact (creating an anonymous one on first sight), identifies it by the
    /// hit's unique identifiers (merging it into the contact that owns one), and records the hit there.
    /// </summary>
    Task<TrackResult> Track(TrackHit hit);

    /// <summary>
    /// The device's live contact without recording a hit; a device seen for the first time gets a new
    /// anonymous contact, stored before this answers (what GET /mtc does in Mautic).
    /// </summary>
    Task<TrackResult> Resolve(DateTimeOffset at);

    /// <summary>
    /// <see cref="Track"/> for a device id the visitor presented (cookie or parameter). A device this service never
    /// issued is not made under the presented id, which would let a link fix the id a victim is tracked as
    /// (MAUTIC-SPEC 2.1: an unknown id gets a new random one); the answer is then null and nothing is recorded.
    /// </summary>
    Task<TrackResult?> TrackReturning(TrackHit hit);

    /// <summary><see cref="Resolve"/> for a presented device id; null, creating nothing, when the device was never issued.</summary>
    Task<TrackResult?> ResolveReturning(DateTimeOffset at);

    /// <summary>
    /// Points the device at the winner of a merge, if it still points at the loser: a device that has since switched
    /// to another person (a hit naming someone else's identifier) stays with that person. It interleaves with a running
    /// Track because the merging winner calls it while that Track may be waiting on the winner.
    /// </summary>
    [AlwaysInterleave]
    Task MoveTo(long loserId, long winnerId);

    /// <summary>The contact the device points at (0 before its first hit).</summary>
    [ReadOnly]
    Task<long> Contact();

    /// <summary>What the device knows of itself: its contact, raw user agent and when it was first and last seen.</summary>
    [ReadOnly]
    Task<DeviceDescription> Describe();
}

/// <summary>A device as the contact's devices endpoint shows it. LastSeen is kept to the hour.</summary>
public sealed record DeviceDescription(string DeviceId, long ContactId, string? UserAgent, DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen);

/// <summary>
/// What the tracking endpoint passes for one hit. Which aliases are unique identifiers comes from the
/// field catalog, which the front end caches; email is the only one by default.
/// </summary>
public sealed record TrackHit
{
    public required PageHit Page { get; init; }
    public IReadOnlyList<string> UniqueAliases { get; init; } = ["email"];

    /// <summary>How several unique fields combine (MAUTIC-SPEC 2.4): any one identifies (Or), or only all together (And).</summary>
    public UniqueIdentifiersOperator Operator { get; init; } = UniqueIdentifiersOperator.Or;

    /// <summary>
    /// The index keys this hit claims. With Or, one per unique field that has a value; with And, one key for
    /// the combination of all of them, so only a contact with the same values in every one of those fields matches.
    /// </summary>
    public IReadOnlyList<IdentifierClaim> Claims() => ClaimsOf(Page.Fields, UniqueAliases, Operator);

    /// <summary>
    /// The keys the hit claims for a contact holding <paramref name="held"/>. With And that is the combination the contact
    /// comes to hold: its unique values, with the hit's in the fields it holds none of (a hit never replaces a unique
    /// value), the key an API write of those values claims. With Or, <see cref="Claims"/>.
    /// </summary>
    public IReadOnlyList<IdentifierClaim> ClaimsFor(IReadOnlyDictionary<string, string?>? held)
    {
        if (Operator != UniqueIdentifiersOperator.And || held is null)
            return Claims();
        var fields = new Dictionary<string, string?>(Page.Fields);
        foreach (var alias in UniqueAliases.Where(alias => !string.IsNullOrWhiteSpace(held.GetValueOrDefault(alias))))
            fields[alias] = held[alias];
        return ClaimsOf(fields, UniqueAliases, Operator);
    }

    /// <summary>The same keys for any set of field values, so API writes and tracking meet at the same index grains.</summary>
    public static IReadOnlyList<string> IdentifiersOf(
        IReadOnlyDictionary<string, string?> fields, IReadOnlyList<string> uniqueAliases, UniqueIdentifiersOperator combine)
        => ClaimsOf(fields, uniqueAliases, combine).Select(claim => claim.Key).ToArray();

    private static IdentifierClaim[] ClaimsOf(
        IReadOnlyDictionary<string, string?> fields, IReadOnlyList<string> uniqueAliases, UniqueIdentifiersOperator combine)
    {
        var each = uniqueAliases
            .Where(alias => !string.IsNullOrWhiteSpace(fields.GetValueOrDefault(alias)))
            .Select(alias => new IdentifierClaim(UniqueIdentifier.Normalize(alias, fields[alias]!), [alias]))
            .DistinctBy(claim => claim.Key)
            .OrderBy(claim => claim.Key, StringComparer.Ordinal)
            .ToArray();
        return combine == UniqueIdentifiersOperator.And && each.Length > 1
            ? [new IdentifierClaim(string.Join("&", each.Select(claim => claim.Key)), [.. each.SelectMany(claim => claim.Aliases)])]
            : each;
    }
}

public enum UniqueIdentifiersOperator
{
    Or,
    And,
}

public sealed record TrackResult(long ContactId, string DeviceId);
