using System.Globalization;
using Actors.Grains.Fields;

namespace Actors.Grains.Imports;

/// <summary>How a cell becomes a field value of each type (MAUTIC-SPEC 4.1): booleans, numbers, dates, multiselect lists.</summary>
public static class ImportValues
{
    private static readonly HashSet<string> True = new(["1", "true", "on", "yes", "y", "t"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> False = new(["0", "false", "off", "no", "n", "f"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The cell as a boolean, or null when it is none of Mautic's spellings.</summary>
    public static bool? Boolean(string cell) => True.Contains(cell) ? true : False.Contains(cell) ? false : null;

    /// <summary>
    /// The cell as a number in its stored form (<see cref="NumberText"/>), or false when it is none. NaN, infinities and
    /// numbers too big for a double (1e999 parses as infinity) are refused: a contact's JSON cannot carry them.
    /// </summary>
    public static bool Number(string cell, out string value)
    {
        var parsed = double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number);
        value = parsed ? NumberText(number) : "";
        return parsed;
    }

    /// <summary>
    /// The one stored form of a number, so that "1.0", 1, "1e0" and "01" are one value to the unique index, search and
    /// export, as they are one DOUBLE to Mautic: the shortest invariant text that reads back as the same double
    /// (1, 1.5, 1E+300), and 0 for -0, which equals it.
    /// </summary>
    public static string NumberText(double number) => Signless(number).ToString(CultureInfo.InvariantCulture);

    /// <summary><see cref="NumberText"/> as UTF-8, for writers that make no string of each value.</summary>
    public static bool TryWriteNumber(double number, Span<byte> utf8, out int written) =>
        Signless(number).TryFormat(utf8, out written, provider: CultureInfo.InvariantCulture);

    private static double Signless(double number) => number == 0 ? 0d : number;

    /// <summary>A zero placeholder such as 0000-00-00, which Mautic skips rather than stores.</summary>
    public static bool IsZeroDate(string cell) => cell.StartsWith("0000-00-00", StringComparison.Ordinal);

    /// <summary>
    /// The cell in the stored form of its date type (Y-m-d H:i:s in UTC, Y-m-d or H:i:s), read as PHP's strtotime reads
    /// it (<see cref="DateSpelling"/>), or false when it is not one: a date for a date, a date with or without its time
    /// for a datetime, a time, alone or after a date, for a time. A date keeps the day written, whatever its offset.
    /// </summary>
    public static bool Date(string type, string cell, out string value)
    {
        value = "";
        if (DateSpelling.Read(cell) is not { } written)
            return false;
        if (type == "time")
        {
            if (written.Time is not { } time)
                return false;
            value = time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            return true;
        }
        if (written.Date is not { } date)
            return false;
        value = type == "date" ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DateTimeText(written.Moment!.Value);
        return true;
    }

    /// <summary>A moment in the stored form of a datetime field: Y-m-d H:i:s in UTC.</summary>
    public static string DateTimeText(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Values separated by '|', trimmed, empty ones left out.</summary>
    public static string[] List(string cell) => cell.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static bool IsDateType(string type) => type is "date" or "datetime" or "time";
}
