using System.Text;
using System.Text.Json;
using Actors.Runtime.Text;

namespace Actors.Grains.Storage.Events;

/// <summary>
/// What a timeline search (<see cref="EventQuery.Search"/>) finds, in every event log alike: the events whose type or
/// one of whose details' values holds the search, Mautic's LIKE '%search%', ignoring case as every text search here
/// does (<see cref="LowerCase"/>). Values are read from the payload's JSON, not its text, which writes letters outside
/// ASCII and some signs as \u escapes and holds the details' names too; a contact's own timeline, read in memory,
/// matches the same values.
/// </summary>
public static class EventSearch
{
    /// <summary>The LIKE pattern, lower-cased, that a lower-cased type or value must match.</summary>
    public static string Pattern(string search) => LowerCase.Of(LikePattern.Containing(search));

    /// <summary>
    /// A pattern that the payload's raw JSON text, with its ASCII letters lower-cased, matches whenever one of its values
    /// matches <paramref name="pattern"/>: digits and the ASCII letters no other letter lowers to are kept, everything else
    /// (wildcards, escapes, signs JSON may escape, "i" and "k", which "İ" and the Kelvin sign lower to, and every other
    /// letter) becomes "%", since its raw text may be an escape of six characters.
    /// </summary>
    public static string RawPattern(string pattern)
    {
        var raw = new StringBuilder("%");
        foreach (var c in pattern)
        {
            if (c is (>= 'a' and <= 'z' and not 'i' and not 'k') or (>= '0' and <= '9'))
                raw.Append(c);
            else if (raw[^1] != '%')
                raw.Append('%');
        }
        return raw[^1] == '%' ? raw.ToString() : raw.Append('%').ToString();
    }

    /// <summary>The search as a test of one stored event, for the event log in memory.</summary>
    public static Predicate<StoredEvent> Matcher(string search)
    {
        var matches = LikePattern.Matcher(LikePattern.Containing(search));
        return stored => matches(stored.EventType)
            || (JsonSerializer.Deserialize<Dictionary<string, string?>>(stored.PayloadJson) ?? []).Values.Any(v => v is not null && matches(v));
    }
}
