namespace Actors.Silo.Hosting;

/// <summary>
/// How many connections the host's Kestrel holds at once (configuration section "Server"). Kestrel sets no cap of its
/// own, so idle sockets alone could take every file descriptor the process may open: accept() then fails with EMFILE,
/// which ended the accept loop for good (the port stayed bound and never answered again), and a process that cannot
/// open a file cannot load an assembly or open a database connection either ("Out of memory."). Kestrel closes a
/// connection over the cap as soon as it accepts it.
/// </summary>
public sealed class ConnectionLimitOptions
{
    public const string SectionName = "Server";

    /// <summary>The descriptors left to the process itself by the default: loaded assemblies (about 300 at start), database connections, silo messaging, files.</summary>
    public const int MinimumReserve = 512;

    /// <summary>Above <see cref="MinimumReserve"/> times this, the default leaves this fraction (1/10) of the descriptors as the reserve.</summary>
    public const int ReserveDivisor = 10;

    /// <summary>
    /// The most connections Kestrel holds open at once, the silo port's included. Default: derived from the process's
    /// open file limit (RLIMIT_NOFILE) by <see cref="DefaultFor"/>, that limit less a reserve of the larger of 512 and a
    /// tenth of it (but at least a quarter of it); no cap where the limit is unknown or unlimited. When set, it must be
    /// positive and below that limit.
    /// </summary>
    public int? MaxConnections { get; set; }

    /// <summary>The cap the default gives under an open file limit of <paramref name="openFileLimit"/>; null (no cap) for an unknown limit.</summary>
    public static long? DefaultFor(long? openFileLimit)
    {
        if (openFileLimit is not { } limit || limit <= 0)
            return null;
        var reserve = Math.Max(MinimumReserve, limit / ReserveDivisor);
        return Math.Max(limit - reserve, limit / 4);
    }

    /// <summary>The cap to apply: the configured one, else the default for <paramref name="openFileLimit"/>.</summary>
    public long? EffectiveFor(long? openFileLimit) => MaxConnections ?? DefaultFor(openFileLimit);
}
