using System.Globalization;
using Actors.Grains.Fields;

namespace Actors.Api.Tracking;

/// <summary>
/// The timezone a hit names for a contact that has none. Newer Mautic's processPageHit (not yet the 5.1 of MAUTIC-SPEC,
/// which reads only the offset) takes the browser's IANA zone that mtc.js sends as <c>timezone</c>
/// (Intl's resolvedOptions().timeZone), which also knows the zone's daylight saving rules; only without one does it
/// guess from the offset. Mautic stores whatever <c>timezone</c> says; here it must name a zone of the system's tzdata
/// (read on Linux without ICU), so junk falls back to the offset rather than becoming the contact's timezone.
///
/// mtc.js's <c>timezone_offset</c> is the browser's getTimezoneOffset(): minutes west of UTC, so UTC+2 sends -120. Mautic asks PHP's timezone_name_from_abbr('', -offset*60, 0), which answers
/// from timelib's fallback map, one zone per UTC offset; this table is that map where its zone still keeps that offset
/// (Europe/London for 0, Europe/Paris for +1, Asia/Tokyo for +9 ...), with the offsets the map lacks or names a zone that
/// has since moved (Apia, Caracas) filled by the most populous zone on the offset today. So one offset always names one
/// zone, and every zone named is an IANA id. An offset that is no whole number of minutes, or that no zone has, names none.
/// </summary>
public static class TimezoneGuess
{
    // Minutes east of UTC, as the zone's clocks read; half- and quarter-hour offsets included.
    private static readonly Dictionary<int, string> ByMinutesEast = new()
    {
        [-720] = "Etc/GMT+12",
        [-660] = "Pacific/Pago_Pago",
        [-600] = "Pacific/Honolulu",
        [-570] = "Pacific/Marquesas",
        [-540] = "America/Anchorage",
        [-480] = "America/Los_Angeles",
        [-420] = "America/Denver",
        [-360] = "America/Chicago",
        [-300] = "America/New_York",
        [-240] = "America/Halifax",
        [-210] = "America/St_Johns",
        [-180] = "America/Sao_Paulo",
        [-150] = "America/St_Johns",
        [-120] = "America/Noronha",
        [-60] = "Atlantic/Azores",
        [0] = "Europe/London",
        [60] = "Europe/Paris",
        [120] = "Europe/Helsinki",
        [180] = "Europe/Moscow",
        [210] = "Asia/Tehran",
        [240] = "Asia/Dubai",
        [270] = "Asia/Kabul",
        [300] = "Asia/Karachi",
        [330] = "Asia/Kolkata",
        [345] = "Asia/Kathmandu",
        [360] = "Asia/Dhaka",
        [390] = "Asia/Yangon",
        [420] = "Asia/Krasnoyarsk",
        [480] = "Asia/Shanghai",
        [525] = "Australia/Eucla",
        [540] = "Asia/Tokyo",
        [570] = "Australia/Darwin",
        [600] = "Australia/Melbourne",
        [630] = "Australia/Adelaide",
        [660] = "Pacific/Noumea",
        [720] = "Pacific/Auckland",
        [765] = "Pacific/Chatham",
        [780] = "Pacific/Tongatapu",
        [840] = "Pacific/Kiritimati",
    };

    /// <summary>The zone a hit names: its <c>timezone</c> when that is a known IANA id, else its <c>timezone_offset</c>'s; null for neither.</summary>
    public static string? For(string? timezone, string? timezoneOffset) => TimeZoneIds.Known(timezone) ?? FromOffset(timezoneOffset);

    /// <summary>The zone for a <c>timezone_offset</c> value, or null when it names none.</summary>
    public static string? FromOffset(string? timezoneOffset)
        => int.TryParse(timezoneOffset, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var minutesWest)
            && ByMinutesEast.TryGetValue(-minutesWest, out var zone) ? zone : null;
}
