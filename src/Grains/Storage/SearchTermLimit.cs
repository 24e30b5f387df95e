namespace Actors.Grains.Storage;

/// <summary>
/// The most terms a list's search may hold, the contacts' search (MAUTIC-SPEC 3.5) and every other list's alike.
/// Every term adds a level to the WHERE's chain of ANDs, several where a term is an OR over columns, and SQLite refuses
/// an expression deeper than 1000 levels; the in-memory lists are capped too, so that one search means the same
/// everywhere. A hundred terms is far past what anyone types into a search box.
/// </summary>
public static class SearchTermLimit
{
    /// <summary>The most terms (words, quoted phrases, commands) a search may hold.</summary>
    public const int MaxTerms = 100;

    /// <summary>The 400's message for a search of <paramref name="terms"/> terms, or null when it is within the limit.</summary>
    public static string? Refusal(int terms) => terms > MaxTerms ? $"search: at most {MaxTerms} terms; this one has {terms}." : null;
}
