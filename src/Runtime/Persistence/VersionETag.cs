using System.Globalization;

namespace Actors.Runtime.Persistence;

/// <summary>The ETags of the version-counting providers: a record's integer version, as text.</summary>
public static class VersionETag
{
    public static string Format(int version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads the version an ETag names; null when there is none (the record must not exist). False for an ETag
    /// that cannot be a version: it matches no record, so the caller treats it as a conflict like any stale one.
    /// </summary>
    public static bool TryParse(string? etag, out int? version)
    {
        version = null;
        if (etag is null)
            return true;
        if (!int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            return false;
        version = parsed;
        return true;
    }

    public static InconsistentStateException Conflict(string record, string? etag, string operation) =>
        new($"Version conflict: {operation} of {record} with ETag '{etag ?? "(none)"}' does not match the stored record.",
            storedEtag: null, currentEtag: etag);
}
