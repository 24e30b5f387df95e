namespace Actors.Runtime.Text;

/// <summary>
/// The one lower case by which text compares ignoring case, in SQL and in C# alike: PostgreSQL's lower() under a UTF-8
/// libc locale, which maps every code point to its simple lower case, one for one. So "İ" (U+0130) is "i", the Kelvin
/// sign "k", the Ångström sign "å", "ẞ" "ß", while "ß" and a final "ς" stay as they are: lower() neither expands a
/// letter nor looks at its neighbours. .NET's invariant lower case is that mapping except for U+0130, which it leaves
/// alone, so this adds it. SQLite's own lower() folds ASCII only, so SQLite compares through this
/// (<see cref="Persistence.Sqlite.SqliteDatabase.LowerFunction"/>); it lives in the runtime because the runtime
/// registers that function on every connection it opens. Letters newer than a PostgreSQL server's libc tables (those
/// of Unicode 16 on glibc 2.36) fold here and not in its lower().
/// </summary>
public static class LowerCase
{
    /// <summary>The lower case of <paramref name="text"/>: the same instance when it is lower case already.</summary>
    public static string Of(string text)
    {
        var lower = text.ToLowerInvariant();
        return lower.Contains('\u0130') ? lower.Replace('\u0130', 'i') : lower;
    }

    /// <summary>Whether two texts are one once lower-cased: "K" (U+212A), "k" and "K" are one.</summary>
    public static bool Same(string? text, string? other)
        => text is null || other is null ? ReferenceEquals(text, other) : string.Equals(Of(text), Of(other), StringComparison.Ordinal);

    /// <summary>Tells texts apart as <see cref="Same"/> does, for sets and dictionaries keyed by such texts.</summary>
    public static StringComparer Comparer { get; } = new LowerCaseComparer();

    sealed class LowerCaseComparer : StringComparer
    {
        public override int Compare(string? x, string? y)
            => x is null || y is null ? (x is null ? (y is null ? 0 : -1) : 1) : string.CompareOrdinal(Of(x), Of(y));

        public override bool Equals(string? x, string? y) => Same(x, y);

        public override int GetHashCode(string obj) => Of(obj).GetHashCode(StringComparison.Ordinal);
    }
}
