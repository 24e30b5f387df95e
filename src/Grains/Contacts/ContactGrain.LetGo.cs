using Actors.Interfaces.Identity;

namespace Actors.Grains.Contacts;

/// <summary>
/// Giving unique values back without taking one from a write that relies on it. A writer (a tracking hit, an API edit,
/// an import row) claims a value at its index grain for this contact before it writes the contact, so for a moment the
/// index gives the contact a value it does not hold yet. A refused write gives back what it claimed, and two other writes
/// of the contact may rely on such a value meanwhile: one that recorded it, and one that claimed it too (the index
/// already naming this contact, its claim changed nothing) and has yet to record it. Both are settled in this contact's
/// turns, which run one at a time:
///   LetGo     releases only the values the contact does not hold, so a value recorded before it stays the contact's;
///             it remembers what it released, as do the contact's own releases (a value an edit replaced, the
///             combination a hit left).
///   a write   that brings a value the contact let go claims it again in its turn before recording it, and is refused
///             when another contact owns it now: a claim made before the release no longer stands.
/// So every value the contact shows leads to it, whatever the order of the turns. The memory is the activation's, empty
/// on nearly every contact, so a write costs no call unless its contact let go of one of the write's values; the
/// activation is kept at least <see cref="LetGoRemembered"/> after a release, longer than a writer takes between its
/// claim and its write.
/// </summary>
internal sealed partial class ContactGrain
{
    private static readonly TimeSpan LetGoRemembered = TimeSpan.FromMinutes(5);

    /// <summary>The index keys this activation released for the contact; null until it releases one.</summary>
    private HashSet<string>? _letGo;

    public Task LetGo(IReadOnlyList<string> keys) => GiveBack(keys.Where(key => !State.Identifiers.Contains(key)).ToArray());

    /// <summary>Releases the keys at their index grains (each only if it still names this contact) and remembers them.</summary>
    private Task GiveBack(IReadOnlyCollection<string> keys)
    {
        if (keys.Count == 0)
            return Task.CompletedTask;
        (_letGo ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(keys);
        DelayDeactivation(LetGoRemembered);
        return Task.WhenAll(keys.Select(key => GrainFactory.GetGrain<IIdentifierIndexGrain>(key).Release(Id)));
    }

    /// <summary>
    /// Whether the index gives this contact each of <paramref name="keys"/> that it let go (<paramref name="letGo"/>) and
    /// does not hold, claiming each again; false as soon as one is another contact's. Callers pass <see cref="_letGo"/>
    /// only when it is there, so a contact that let nothing go builds nothing and makes no call.
    /// </summary>
    private async Task<bool> ClaimedAgain(HashSet<string> letGo, IEnumerable<string> keys)
    {
        foreach (var key in keys.Where(key => letGo.Contains(key) && !State.Identifiers.Contains(key)).ToArray())
        {
            if (await GrainFactory.GetGrain<IIdentifierIndexGrain>(key).Claim(Id) != Id)
                return false;
            letGo.Remove(key);
        }
        return true;
    }
}
