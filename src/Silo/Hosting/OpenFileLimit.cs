namespace Actors.Silo.Hosting;

/// <summary>
/// The process's soft limit on open file descriptors (RLIMIT_NOFILE), read from /proc/self/limits on Linux. The .NET
/// runtime raises the soft limit to the hard one as it starts, so this is the limit the process really has.
/// </summary>
public static class OpenFileLimit
{
    private const string LimitsFile = "/proc/self/limits";

    /// <summary>The limit, or null where it is unknown (no /proc) or unlimited.</summary>
    public static long? Read()
    {
        try
        {
            return File.Exists(LimitsFile) ? Parse(File.ReadAllText(LimitsFile)) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The soft limit of the "Max open files" line of a /proc/&lt;pid&gt;/limits text
    /// (<c>Max open files            1024                 4096                 files</c>).
    /// </summary>
    public static long? Parse(string limits)
    {
        const string name = "Max open files";
        foreach (var line in limits.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal))
                continue;
            var columns = line[name.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return columns.Length > 0 && long.TryParse(columns[0], out var soft) && soft > 0 ? soft : null;
        }
        return null;
    }
}
