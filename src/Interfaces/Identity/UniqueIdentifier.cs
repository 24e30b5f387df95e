namespace Actors.Interfaces.Identity;

/// <summary>
/// The key of an identifier index entry, "alias:value". Both parts are trimmed and lower-cased, so
/// " Jim@Example.com " and "jim@example.com" meet at the same index grain (product decision 4).
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

    /// <summary>A value as its key holds it: two values are one identifier exactly when these are equal.</summary>
    public static string NormalizeValue(string value) => value.Trim().ToLowerInvariant();
}
