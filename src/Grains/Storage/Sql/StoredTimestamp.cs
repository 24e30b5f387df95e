using System.Globalization;

namespace Actors.Grains.Storage.Sql;

/// <summary>
/// The one precision and zone every store keeps for a point in time: UTC to the microsecond, which is what
/// a PostgreSQL timestamptz holds. SQLite and memory store the same, so a value reads back alike from each.
/// </summary>
public static class StoredTimestamp
{
    // Fixed width, so SQLite's text comparison orders values in time; SQLite's date functions accept it.
    const string SqliteFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static DateTimeOffset Normalize(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);

    public static string ToSqliteText(DateTimeOffset value) =>
        Normalize(value).ToString(SqliteFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset FromSqliteText(string text) =>
        DateTimeOffset.ParseExact(text, SqliteFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
