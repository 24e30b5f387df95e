using Actors.Runtime;

namespace Actors.Grains.Contacts;

/// <summary>
/// A silo's local supply of UTM row ids. A row keeps its id for life, as Mautic's auto-increment lead_utmtags.id does:
/// removing one never renumbers the others, and a merge hands the loser's rows to the winner with their ids. Ids come in
/// blocks from the allocator keyed <see cref="AllocatorKey"/>, so they are unique across the cluster and a row recorded
/// costs no database round trip of its own, and never reused: a merge can never give one contact two rows of one id.
/// </summary>
/// <remarks>
/// Rows an older build stored have no id (0). Each is given <see cref="OlderRowId"/> of its contact and its place in the
/// stored list whenever that list is read, by the grain and by the contacts list alike, so every reader shows the same
/// id until the contact's next write stores it; from then on it is the row's own. Those ids lie from
/// <see cref="OlderRowIdBase"/> up, above anything the allocator reaches (2^52 rows), and one contact's never meet
/// another's while a contact id stays under 2^32 and a contact held under 2^20 rows, so they stay exact in JavaScript too.
/// </remarks>
public sealed class UtmIdSource(IGrainFactory grainFactory) : IdBlockSource(grainFactory, AllocatorKey)
{
    public const string AllocatorKey = "utm";

    public const long OlderRowIdBase = 1L << 52;

    private const int OlderRowBits = 20;

    /// <summary>The id of the row at <paramref name="index"/> (from 0) of what an older build stored for the contact.</summary>
    public static long OlderRowId(long contactId, int index) => OlderRowIdBase + (contactId << OlderRowBits) + index;
}
