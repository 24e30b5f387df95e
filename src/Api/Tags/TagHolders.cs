using System.Text;
using Actors.Grains.Storage.Contacts.Query;
using Actors.Interfaces.Contacts;

namespace Actors.Api.Tags;

/// <summary>
/// Finds the contacts holding a tag in any spelling, as the contact grain tells tags apart (ordinal, ignoring case in
/// all of Unicode), for the sweeps of a tag's rename and delete. SQL cannot tell it alike in both stores: SQLite's
/// lower() and LIKE fold ASCII only, so <c>Ölkanne</c> and <c>ölkanne</c> stay two there, and PostgreSQL's lower()
/// follows the database's locale. So SQL only narrows the contacts to candidates, with a pattern that every spelling
/// matches in either store (ASCII compared ignoring case, any other character taken as any one character), and the
/// spelling each candidate holds is compared here. No case-folding function is registered in SQLite for this.
/// </summary>
public static class TagHolders
{
    /// <summary>
    /// The ASCII letters a non-ASCII character equals ignoring case (<c>ı</c> is <c>I</c>, <c>ſ</c> is <c>S</c>): ASCII
    /// case folding in SQL would miss those spellings, so the pattern takes these letters as any character too.
    /// </summary>
    static readonly HashSet<char> SpelledOutsideAscii = Enumerable.Range(0x80, 0x10000 - 0x80)
        .Select(c => (char)c)
        .Where(c => !char.IsSurrogate(c) && char.ToUpperInvariant(c) < 0x80)
        .SelectMany(c => new[] { char.ToUpperInvariant(c), char.ToLowerInvariant(char.ToUpperInvariant(c)) })
        .ToHashSet();

    /// <summary>Contacts that may hold <paramref name="tag"/>; <see cref="Holds"/> decides.</summary>
    public static ContactFilter Candidates(string tag)
    {
        var pattern = new StringBuilder(tag.Length);
        foreach (var rune in tag.EnumerateRunes())
        {
            // '\' is LIKE's escape character in PostgreSQL; '%' and '_' are left as they are, since they only widen.
            var literal = rune.IsAscii && rune.Value != '\\' && !SpelledOutsideAscii.Contains((char)rune.Value);
            pattern.Append(literal ? (char)rune.Value : '_');
        }
        return new SetContains(ContactSet.Tags, pattern.ToString(), Exact: false);
    }

    /// <summary>Whether <paramref name="contact"/> holds <paramref name="tag"/> in some spelling, as its grain compares tags.</summary>
    public static bool Holds(ContactSnapshot contact, string tag)
        => contact.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase);
}
