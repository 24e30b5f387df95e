using System.Globalization;

namespace Actors.Cluster.Failover;

/// <summary>The driver's command line: <c>--name value</c> pairs, each with a default.</summary>
public sealed record FailoverOptions
{
    public const int DefaultVisitors = 300;
    public const int DefaultEmails = 60;
    public const double DefaultSecondsBeforeKill = 10;
    public const double DefaultSecondsAfterKill = 20;

    public required Uri Api { get; init; }
    public required int VictimPid { get; init; }
    public required int VictimSiloPort { get; init; }
    public required string StorageConnectionString { get; init; }
    public required string RedisConnectionString { get; init; }
    public string ClusterId { get; init; } = "actors";
    public required string AdminUser { get; init; }
    public required string AdminPassword { get; init; }
    /// <summary>Visitors hitting at once, each with its own cookies.</summary>
    public int Visitors { get; init; } = DefaultVisitors;
    /// <summary>Distinct emails; every other visitor identifies with one of them, so each email is shared by several visitors.</summary>
    public int Emails { get; init; } = DefaultEmails;
    public TimeSpan BeforeKill { get; init; } = TimeSpan.FromSeconds(DefaultSecondsBeforeKill);
    public TimeSpan AfterKill { get; init; } = TimeSpan.FromSeconds(DefaultSecondsAfterKill);

    public static FailoverOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            values[args[i].TrimStart('-')] = args[i + 1];
        string Required(string name) => values.TryGetValue(name, out var value) ? value
            : throw new ArgumentException($"--{name} is required.");
        double Number(string name, double fallback) =>
            values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
        return new FailoverOptions
        {
            Api = new Uri(Required("api")),
            VictimPid = int.Parse(Required("victim-pid"), CultureInfo.InvariantCulture),
            VictimSiloPort = int.Parse(Required("victim-silo-port"), CultureInfo.InvariantCulture),
            StorageConnectionString = Required("storage"),
            RedisConnectionString = Required("redis"),
            ClusterId = values.GetValueOrDefault("cluster-id", "actors"),
            AdminUser = values.GetValueOrDefault("admin-user", "admin"),
            AdminPassword = Required("admin-password"),
            Visitors = (int)Number("visitors", DefaultVisitors),
            Emails = (int)Number("emails", DefaultEmails),
            BeforeKill = TimeSpan.FromSeconds(Number("before-kill", DefaultSecondsBeforeKill)),
            AfterKill = TimeSpan.FromSeconds(Number("after-kill", DefaultSecondsAfterKill)),
        };
    }
}
