using Actors.Interfaces.Text;

namespace Actors.Interfaces.Identity;

/// <summary>
/// The key of an identifier index entry, "alias:value". Both parts are trimmed and lower-cased, so
/// " Jim@Example.com " and "jim@example.com" meet at the same index grain (product decision 4), and the value is in
/// Unicode NFC, so "jos\u00e9@x.test" and "jose\u0301@x.test", one text to a reader, meet there too.
/// </summary>
public static class UniqueIdentifier
{
    public static string Normalize(string alias, string value)
    {
        var normalAlias = alias.Trim().ToLowerInvariant();
        var normalValue = NormalizeValue(value);
        if (normalAlias.Length == 0)
            throw new ArgumentException("A unique identifier needs a field alias.", nameof(alias));
        if (normalValue.Length == 0)
            throw new ArgumentException($"The unique identifier '{normalAlias}' has an empty value.", nameof(value));
        return $"{normalAlias}:{normalValue}";
    }

    /// <summary>
    /// A value as its key holds it: two values are one identifier exactly when these are equal. NFC comes before
    /// lower-casing, which maps one character at a time, so that "I\u0307" lower-cases as the "\u0130" it is; and again
    /// after it, which can leave a pair NFC composes: "J\u030C" has no composed capital, but "j\u030C" is "\u01F0".
    /// </summary>
    public static string NormalizeValue(string value) => UnicodeNfc.Normalize(UnicodeNfc.Normalize(value).Trim().ToLowerInvariant());
}
