using System.Globalization;

namespace Actors.Runtime.Membership;

/// <summary>
/// A silo's identity in the cluster: the endpoint it listens on for silo-to-silo messages and the generation of
/// the process. The generation is the number of seconds since 2022-01-01 at process start, as in Orleans, so a
/// restarted process on the same endpoint is a new silo and the old entry can be told apart and declared dead.
/// The text form is "host:port@generation"; it is what membership tables key their rows by.
/// </summary>
public readonly record struct SiloAddress(string Host, int Port, int Generation)
{
    private static readonly DateTime GenerationEpoch = new(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A generation for a process starting now; strictly later than any earlier process's on this machine.</summary>
    public static int NewGeneration(TimeProvider? time = null) =>
        (int)((time ?? TimeProvider.System).GetUtcNow().UtcDateTime - GenerationEpoch).TotalSeconds;

    /// <summary>The endpoint without the generation: two generations of one endpoint are the same place, not the same silo.</summary>
    public string Endpoint => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public bool IsSameEndpoint(SiloAddress other) =>
        string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) && Port == other.Port;

    public override string ToString() => $"{Endpoint}@{Generation.ToString(CultureInfo.InvariantCulture)}";

    public static SiloAddress Parse(string text)
    {
        if (!TryParse(text, out var address))
            throw new FormatException($"'{text}' is not a silo address of the form host:port@generation.");
        return address;
    }

    public static bool TryParse(string? text, out SiloAddress address)
    {
        address = default;
        if (string.IsNullOrEmpty(text))
            return false;
        var at = text.LastIndexOf('@');
        var colon = at > 0 ? text.LastIndexOf(':', at - 1) : -1;
        if (colon <= 0
            || !int.TryParse(text.AsSpan(colon + 1, at - colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535
            || !int.TryParse(text.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
            return false;
        address = new SiloAddress(text[..colon], port, generation);
        return true;
    }
}
