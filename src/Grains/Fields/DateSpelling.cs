using System.Globalization;
using System.Text.RegularExpressions;

namespace Actors.Grains.Fields;

/// <summary>A date, a time of day or both, as written, with the UTC offset written after them if any.</summary>
public readonly record struct WrittenDate(DateOnly? Date, TimeOnly? Time, TimeSpan? Offset)
{
    /// <summary>The moment a date and its time name, at UTC where no offset is written; null for a time alone.</summary>
    public DateTimeOffset? Moment => Date is { } date ? new DateTimeOffset(date.ToDateTime(Time ?? TimeOnly.MinValue), Offset ?? TimeSpan.Zero) : null;
}

/// <summary>
/// Reads a date or time as Mautic's PHP strtotime reads it (PHP manual, "Supported Date and Time Formats"), for the
/// spellings that carry a whole date and never depend on the day they are read: ISO <c>2024-05-01</c> (and
/// <c>78-12-22</c>, a year of two digits or fewer being 2000-2069 or 1970-1999), <c>2024/05/01</c> and <c>20240501</c>;
/// day first with dots or dashes and a four-digit year (<c>01.05.2024</c>, <c>1-5-2024</c>); day first with dots and a
/// two-digit year where the text is no time (<c>22.12.78</c>, <c>25.05.24</c>);
/// American month first with slashes (<c>5/1/2024</c>, <c>5/1/24</c>); English month names, full or short, with the
/// day before or after (<c>1 May 2024</c>, <c>1st May 2024</c>, <c>May 1, 2024</c>, <c>May-01-2024</c>,
/// <c>2024-May-01</c>) or without one, which is the 1st (<c>May 2024</c>). A time may follow, after <c>T</c> or blanks:
/// <c>10:20</c>, <c>10.20.30</c>, seconds with a fraction, <c>4 pm</c>, <c>4:08 a.m.</c>, then an offset (<c>Z</c>,
/// <c>UTC</c>, <c>GMT</c>, <c>+02:00</c>, <c>-0700</c>, <c>GMT+2</c>, at most 14 hours). A time alone is read as a
/// time, and first, as PHP reads it: <c>01.05.24</c> is 01:05:24, while <c>22.12.78</c>, no time, is a date.
/// What PHP would read against today (<c>May 1</c>, <c>1978</c> as 19:78, <c>tomorrow</c>, a time alone as a date),
/// a bare number (<c>1.5</c>, <c>1,5</c>), named zones (<c>CEST</c>) and days or months that do not exist
/// (<c>31.02.2024</c>, which PHP carries into March) are refused, so a stored date is always the one that was meant.
/// </summary>
public static partial class DateSpelling
{
    private const string Day = "(?<d>3[01]|[0-2]?[0-9])";
    private const string Month = "(?<m>1[0-2]|0?[0-9])";
    private const string MonthName = "(?<mn>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";
    private const string DaySuffix = "(?:st|nd|rd|th)?";

    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>The date formats, each matching from the start; what follows the date must be a time or nothing.</summary>
    private static readonly Regex[] DateFormats =
    [
        new($@"^{Day}[.\t-]{Month}[.-](?<y>[0-9]{{4}})", RegexOptions.CultureInvariant),
        new($@"^{Day}[.\t]{Month}\.(?<y>[0-9]{{2}})(?![0-9])", RegexOptions.CultureInvariant),
        new($@"^(?<y>[0-9]{{1,4}})-{Month}-{Day}", RegexOptions.CultureInvariant),
        new($@"^(?<y>[0-9]{{4}})/{Month}/{Day}", RegexOptions.CultureInvariant),
        new($@"^{Month}/{Day}/(?<y>[0-9]{{1,4}})", RegexOptions.CultureInvariant),
        new("^(?<y>[0-9]{4})(?<m>0[0-9]|1[0-2])(?<d>0[0-9]|[12][0-9]|3[01])", RegexOptions.CultureInvariant),
        new($@"^{Day}{DaySuffix}[ \t.-]*{MonthName}[ \t.-]*(?<y>[0-9]{{1,4}})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase),
        new($@"^{MonthName}[ \t.-]*{Day}{DaySuffix}[,. \t]+(?<y>[0-9]{{1,4}})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase),
        new($@"^{MonthName}-{Day}-(?<y>[0-9]{{1,4}})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase),
        new($@"^(?<y>[0-9]{{1,4}})-{MonthName}-{Day}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase),
        new($@"^{MonthName}[ \t.-]*(?<y>[0-9]{{4}})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase),
        new($@"^(?<y>[0-9]{{4}})[ \t.-]*{MonthName}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase),
    ];

    /// <summary>A time of day, then an offset; a date before it is followed by T or blanks.</summary>
    [GeneratedRegex("""
        ^(?:[Tt]|[ \t]+)?(?=[0-9])
        (?:
          (?<h>[01]?[0-9]|2[0-3])[:.](?<i>[0-5][0-9])(?:[:.](?<s>[0-5][0-9])(?<f>[.,][0-9]+)?)?(?:[ \t]*(?<ap>[ap])\.?m\.?)?
        | (?<h>1[0-2]|0?[0-9])[ \t]*(?<ap>[ap])\.?m\.?
        )
        (?:[ \t]*(?<z>z|utc|gmt|(?:gmt)?(?<zs>[+-])(?<zh>[01]?[0-9]|2[0-3])(?::?(?<zm>[0-5][0-9]))?))?$
        """, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex TimeOfDay();

    /// <summary>The date and time <paramref name="text"/> spells, or null when it spells neither as PHP would read it on any day.</summary>
    public static WrittenDate? Read(string text)
    {
        var trimmed = text.Trim();
        // A time first: PHP reads 01.05.24 as 01:05:24, and 22.12.78, which is no time, as a date.
        if (TimeOfDay().Match(trimmed) is { Success: true } timeAlone)
            return Time(timeAlone) is { } time && Offset(timeAlone) is var offset && offset != Unknown ? new WrittenDate(null, time, offset) : null;
        foreach (var format in DateFormats)
        {
            if (format.Match(trimmed) is not { Success: true } date)
                continue;
            var rest = trimmed[date.Length..];
            if (rest.Length == 0)
                return DateOf(date) is { } day ? new WrittenDate(day, null, null) : null;
            if (rest[0] is 'T' or 't' or ' ' or '\t' && TimeOfDay().Match(rest) is { Success: true } after)
            {
                return DateOf(date) is { } day && Time(after) is { } time && Offset(after) is var offset && offset != Unknown
                    && InRange(day.ToDateTime(time), offset) ? new WrittenDate(day, time, offset) : null;
            }
        }
        return null;
    }

    /// <summary>The moment a date, with or without its time, spells (<see cref="WrittenDate.Moment"/>); null for anything else.</summary>
    public static DateTimeOffset? Moment(string text) => Read(text)?.Moment;

    private static DateOnly? DateOf(Match date)
    {
        var year = int.Parse(date.Groups["y"].Value, CultureInfo.InvariantCulture);
        // PHP's y: a year of one or two digits is 2000-2069 or 1970-1999; one of four digits is taken as written.
        if (date.Groups["y"].Length <= 2)
            year += year < 70 ? 2000 : 1900;
        var month = date.Groups["mn"].Success
            ? Array.IndexOf(MonthNames, date.Groups["mn"].Value[..3].ToLowerInvariant()) + 1
            : int.Parse(date.Groups["m"].Value, CultureInfo.InvariantCulture);
        var day = date.Groups["d"].Success ? int.Parse(date.Groups["d"].Value, CultureInfo.InvariantCulture) : 1;
        return year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
    }

    private static TimeOnly? Time(Match time)
    {
        var hour = int.Parse(time.Groups["h"].Value, CultureInfo.InvariantCulture);
        if (time.Groups["ap"].Success)
        {
            if (hour is < 1 or > 12)
                return null;
            hour = hour % 12 + (time.Groups["ap"].Value is "p" or "P" ? 12 : 0);
        }
        var minute = time.Groups["i"].Success ? int.Parse(time.Groups["i"].Value, CultureInfo.InvariantCulture) : 0;
        var second = time.Groups["s"].Success ? int.Parse(time.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        return new TimeOnly(hour, minute, second);
    }

    // An offset past what a moment can carry (±14 hours).
    private static readonly TimeSpan Unknown = TimeSpan.MaxValue;

    /// <summary>Whether the local time at that offset is a moment DateTimeOffset holds (year 1 to 9999 in UTC too).</summary>
    private static bool InRange(DateTime local, TimeSpan? offset)
        => offset is not { } by || (local.Ticks - by.Ticks >= DateTime.MinValue.Ticks && local.Ticks - by.Ticks <= DateTime.MaxValue.Ticks);

    /// <summary>The written offset, null where none is written, <see cref="Unknown"/> where it is over 14 hours.</summary>
    private static TimeSpan? Offset(Match time)
    {
        if (!time.Groups["z"].Success)
            return null;
        if (!time.Groups["zs"].Success)
            return TimeSpan.Zero;
        var offset = new TimeSpan(int.Parse(time.Groups["zh"].Value, CultureInfo.InvariantCulture),
            time.Groups["zm"].Success ? int.Parse(time.Groups["zm"].Value, CultureInfo.InvariantCulture) : 0, 0);
        return offset > TimeSpan.FromHours(14) ? Unknown : time.Groups["zs"].Value == "-" ? -offset : offset;
    }
}
