using System.Globalization;
using System.Net;
using Actors.Testing;
using Npgsql;

namespace Actors.Browser.Tests.Infrastructure;

/// <summary>
/// A real cluster for a UI test: silo processes (Actors.Silo.dll, as an operator starts them) sharing a fresh schema
/// on the test PostgreSQL server (ACTORS_TEST_POSTGRES) for grain state and membership, with membership times short
/// enough that a killed silo is declared dead within seconds. <see cref="ApiSettings"/> makes an Api their client.
/// </summary>
internal sealed class SiloProcesses : IAsyncDisposable
{
    public const string PostgresVariable = "ACTORS_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _schema;
    private readonly List<SiloProcess> _silos = [];

    private SiloProcesses(string server, string schema)
    {
        (_server, _schema) = (server, schema);
        ClusterId = schema;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema, MaxPoolSize = 10 }.ToString();
    }

    public string ClusterId { get; }
    public string ConnectionString { get; }
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>The settings every process of the cluster shares: store, membership and its times.</summary>
    public IReadOnlyDictionary<string, string> SharedSettings => new Dictionary<string, string>
    {
        ["Storage__Provider"] = "PostgreSql",
        ["Storage__ConnectionString"] = ConnectionString,
        ["Cluster__ClusterId"] = ClusterId,
        ["Cluster__AdvertisedHost"] = "127.0.0.1",
        ["Cluster__Membership__Provider"] = "PostgreSql",
        ["Cluster__Membership__ConnectionString"] = ConnectionString,
        ["ClusterMembership__ProbeTimeout"] = "00:00:01",
        ["ClusterMembership__IAmAliveTablePublishTimeout"] = "00:00:05",
        ["ClusterMembership__TableRefreshTimeout"] = "00:00:02",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>An Api as the cluster's client, re-reading membership every second.</summary>
    public IReadOnlyDictionary<string, string> ApiSettings => new Dictionary<string, string>(SharedSettings)
    {
        ["Cluster__Mode"] = "Client",
        ["ClusterClient__MembershipRefreshPeriod"] = "00:00:01",
    };

    /// <summary>Starts <paramref name="count"/> silos one after the other: the first creates the schema, the others join.</summary>
    public static async Task<SiloProcesses> StartAsync(int count)
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{PostgresVariable} is not set, so the cluster UI tests cannot run. Run ./build.sh test, " +
                $"or set {PostgresVariable}=\"Host=127.0.0.1;Username=actors;Password=actors;Database=actors_test\".");
        var cluster = new SiloProcesses(server, "ui_" + Guid.NewGuid().ToString("N"));
        await cluster.ExecuteAsync($"CREATE SCHEMA {cluster._schema}");
        try
        {
            for (var i = 0; i < count; i++)
                await cluster.StartSiloAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    private async Task StartSiloAsync()
    {
        var port = HostProcess.FreePort();
        var settings = new Dictionary<string, string>(SharedSettings)
        {
            ["Cluster__SiloPort"] = port.ToString(CultureInfo.InvariantCulture),
        };
        var silo = new SiloProcess(HostProcess.Start("Actors.Silo.dll", settings), port);
        _silos.Add(silo);
        await silo.Host.WaitForStatusAsync("/readyz", HttpStatusCode.OK);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
            await silo.Host.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP SCHEMA {_schema} CASCADE");
    }
}

/// <summary>One silo process and the silo port it listens on (its silo address is 127.0.0.1:port@generation).</summary>
internal sealed record SiloProcess(HostProcess Host, int SiloPort);
