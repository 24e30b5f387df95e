using Actors.Interfaces.Contacts;
using Actors.Interfaces.Identity;

namespace Actors.Grains.Identity;

/// <summary>
/// What a contact is known by: its values of the unique fields, compared as index keys compare them (trimmed,
/// lower-cased, in Unicode NFC), and the index keys it owns. Two of these that hold different values of one unique field are two people.
/// </summary>
internal sealed class UniqueValues
{
    public static readonly UniqueValues None = new(new Dictionary<string, string>(), new HashSet<string>());

    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly IReadOnlySet<string> _keys;

    private UniqueValues(IReadOnlyDictionary<string, string> values, IReadOnlySet<string> keys)
    {
        _values = values;
        _keys = keys;
    }

    /// <summary>A stored contact's values of <paramref name="uniqueAliases"/> and its keys; none for a contact not (or no longer) stored.</summary>
    public static UniqueValues Of(ContactSnapshot? contact, IEnumerable<string> uniqueAliases)
        => contact is null ? None : Of(contact.Fields, contact.Identifiers, uniqueAliases);

    /// <summary>A contact's <paramref name="fields"/> values of <paramref name="uniqueAliases"/> and the keys it owns.</summary>
    public static UniqueValues Of(IReadOnlyDictionary<string, string?> fields, IEnumerable<string> keys, IEnumerable<string> uniqueAliases)
        => new(Normalized(fields, uniqueAliases), keys.ToHashSet(StringComparer.Ordinal));

    /// <summary>The values a write names for one claim, and its key.</summary>
    public static UniqueValues Of(IdentifierClaim claim, IReadOnlyDictionary<string, string?> fields)
        => new(Normalized(fields, claim.Aliases), new HashSet<string>(StringComparer.Ordinal) { claim.Key });

    /// <summary>True when some unique field holds a value in both, and not the same one.</summary>
    public bool ConflictsWith(UniqueValues other)
        => _values.Any(mine => other._values.TryGetValue(mine.Key, out var theirs) && theirs != mine.Value);

    /// <summary>
    /// True when <paramref name="claim"/> names another value of a field this holds: it is someone else's. A key already
    /// owned never is (a merged contact owns the keys of values it no longer shows).
    /// </summary>
    public bool IsSomeoneElse(UniqueValues claim) => !claim._keys.IsSubsetOf(_keys) && ConflictsWith(claim);

    /// <summary>Both together. Only values that do not conflict are joined; where both hold one, this one's stays.</summary>
    public UniqueValues With(UniqueValues other)
    {
        var values = new Dictionary<string, string>(other._values, StringComparer.Ordinal);
        foreach (var (alias, value) in _values)
            values[alias] = value;
        return new(values, _keys.Union(other._keys, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal));
    }

    private static Dictionary<string, string> Normalized(IReadOnlyDictionary<string, string?> fields, IEnumerable<string> aliases)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var alias in aliases)
        {
            if (fields.GetValueOrDefault(alias) is { } value && !string.IsNullOrWhiteSpace(value))
                values[alias] = UniqueIdentifier.NormalizeValue(value);
        }
        return values;
    }
}
