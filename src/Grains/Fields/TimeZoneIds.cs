using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Actors.Grains.Fields;

/// <summary>
/// The IANA zone ids the system's tzdata knows, which .NET reads without ICU: the values of a timezone field (Mautic
/// offers PHP's list of the same ids) and the zones tracking takes from a browser.
/// </summary>
public static partial class TimeZoneIds
{
    // The longest id in tzdata is 32 characters (America/Argentina/ComodRivadavia).
    private const int MaxIdLength = 64;

    // tzdata has about 600 ids with its aliases; past this many, ids others may have made up are answered uncached.
    private const int MaxRemembered = 2048;

    // Tracking asks on every hit from mtc.js, and each lookup takes TimeZoneInfo's cache lock, or reads the disk for
    // an id tzdata lacks; the answer for an id does not change while the process runs.
    private static readonly ConcurrentDictionary<string, string?> Remembered = new(StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="id"/> when tzdata has a zone of that IANA id, spelt as tzdata spells it (Intl does); else null.
    /// Only the shape of an id is looked up (<c>Area/Location</c>, <c>UTC</c>, <c>Etc/GMT+5</c>), so no value reaches
    /// a path or file of tzdata's directory that is not a zone (<c>posix/...</c>, <c>zone.tab</c>).
    /// </summary>
    public static string? Known(string? id)
    {
        if (id is null)
            return null;
        if (Remembered.TryGetValue(id, out var known))
            return known;
        known = Lookup(id);
        if (Remembered.Count < MaxRemembered)
            Remembered.TryAdd(id, known);
        return known;
    }

    private static string? Lookup(string id)
        => id is { Length: > 0 and <= MaxIdLength } && IanaId().IsMatch(id)
            && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId ? zone.Id : null;

    [GeneratedRegex("^[A-Z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+){0,2}$")]
    private static partial Regex IanaId();
}
