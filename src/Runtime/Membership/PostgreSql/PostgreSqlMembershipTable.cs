using System.Data.Common;
using System.Globalization;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence.PostgreSql;
using Npgsql;

namespace Actors.Runtime.Membership.PostgreSql;

/// <summary>
/// The membership table in PostgreSQL (<see cref="PostgreSqlMembershipSchema"/>). A versioned write is one
/// transaction: bump the cluster's version row from the expected version, then insert the row (if absent) or update
/// it (if its ETag matches); when either touches no row, the transaction is rolled back and the write refused. The
/// version row's lock orders concurrent writers, so of two writes based on one read only the first commits.
/// Reads are one statement (one snapshot), so rows and version agree.
/// </summary>
public sealed class PostgreSqlMembershipTable(NpgsqlDataSource dataSource, string clusterId) : IMembershipTable
{
    private const string SiloKey = "cluster_id = @cluster AND address = @address AND port = @port AND generation = @generation";

    private string Store
    {
        get
        {
            var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            return $"PostgreSQL at {settings.Host}:{settings.Port}/{settings.Database}";
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Run(async () =>
    {
        await new PostgreSqlSchemaMigrator(dataSource, [PostgreSqlMembershipSchema.Tables]).MigrateAsync(cancellationToken);
        await using var command = Command("""
            INSERT INTO membership_version (cluster_id, version, modified_on) VALUES (@cluster, 0, now())
            ON CONFLICT (cluster_id) DO NOTHING
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return true;
    });

    public Task<MembershipTableData> ReadRow(SiloAddress silo) => Run(async () =>
    {
        await using var command = Command(SelectRows("AND m.address = @address AND m.port = @port AND m.generation = @generation"));
        AddSilo(command, silo);
        return await ReadTableAsync(command);
    });

    public Task<MembershipTableData> ReadAll() => Run(async () =>
    {
        await using var command = Command(SelectRows());
        return await ReadTableAsync(command);
    });

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => VersionedWrite(tableVersion, """
        INSERT INTO membership (cluster_id, address, port, generation, silo_name, host_name, status, suspect_times, start_time, i_am_alive_time, etag)
        VALUES (@cluster, @address, @port, @generation, @silo_name, @host_name, @status, @suspect_times, @start_time, @i_am_alive_time, @version)
        ON CONFLICT DO NOTHING
        """, entry, etag: null);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var rowVersion)
            ? VersionedWrite(tableVersion, $"""
                UPDATE membership SET silo_name = @silo_name, host_name = @host_name, status = @status, suspect_times = @suspect_times,
                    start_time = @start_time, i_am_alive_time = @i_am_alive_time, etag = @version
                WHERE {SiloKey} AND etag = @etag
                """, entry, rowVersion)
            : Task.FromResult(false);

    public Task UpdateIAmAlive(MembershipEntry entry) => Run(async () =>
    {
        await using var command = Command($"UPDATE membership SET i_am_alive_time = @i_am_alive_time WHERE {SiloKey}");
        AddSilo(command, entry.Silo);
        command.AddParameter("@i_am_alive_time", entry.IAmAliveTime.ToUniversalTime());
        if (await command.ExecuteNonQueryAsync() == 0)
            throw new InvalidOperationException($"Silo {entry.Silo} has no row in the membership table.");
        return true;
    });

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => Run(async () =>
    {
        await using var command = Command("DELETE FROM membership WHERE cluster_id = @cluster AND status = @dead AND i_am_alive_time < @before");
        command.AddParameter("@dead", (int)SiloStatus.Dead);
        command.AddParameter("@before", beforeDate.ToUniversalTime());
        await command.ExecuteNonQueryAsync();
        return true;
    });

    public Task DeleteMembershipTableEntries() => Run(async () =>
    {
        // The rows go with their version row (ON DELETE CASCADE).
        await using var command = Command("DELETE FROM membership_version WHERE cluster_id = @cluster");
        await command.ExecuteNonQueryAsync();
        return true;
    });

    private Task<bool> VersionedWrite(TableVersion tableVersion, string rowStatement, MembershipEntry entry, int? etag) => Run(async () =>
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var bump = new NpgsqlCommand(
            "UPDATE membership_version SET version = @version, modified_on = now() WHERE cluster_id = @cluster AND version = @version - 1",
            connection, transaction);
        bump.Parameters.AddWithValue("@cluster", clusterId);
        bump.Parameters.AddWithValue("@version", tableVersion.Version);
        if (await bump.ExecuteNonQueryAsync() == 0)
            return false;
        await using var write = new NpgsqlCommand(rowStatement, connection, transaction);
        write.Parameters.AddWithValue("@cluster", clusterId);
        write.Parameters.AddWithValue("@version", tableVersion.Version);
        AddEntry(write, entry);
        if (etag is { } rowVersion)
            write.Parameters.AddWithValue("@etag", rowVersion);
        if (await write.ExecuteNonQueryAsync() == 0)
            return false; // disposing the transaction rolls the version bump back
        await transaction.CommitAsync();
        return true;
    });

    /// <summary>The version and the rows in one statement, so in one snapshot; no version row (no table) reads as version 0, empty.</summary>
    private static string SelectRows(string rowFilter = "") => $"""
        SELECT v.version, m.address, m.port, m.generation, m.silo_name, m.host_name, m.status, m.suspect_times,
               m.start_time, m.i_am_alive_time, m.etag
        FROM membership_version v
        LEFT JOIN membership m ON m.cluster_id = v.cluster_id {rowFilter}
        WHERE v.cluster_id = @cluster
        """;

    private NpgsqlCommand Command(string sql)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("@cluster", clusterId);
        return command;
    }

    private static void AddSilo(DbCommand command, SiloAddress silo)
    {
        command.AddParameter("@address", silo.Host);
        command.AddParameter("@port", silo.Port);
        command.AddParameter("@generation", silo.Generation);
    }

    private static void AddEntry(DbCommand command, MembershipEntry entry)
    {
        AddSilo(command, entry.Silo);
        command.AddParameter("@silo_name", entry.SiloName);
        command.AddParameter("@host_name", entry.HostName);
        command.AddParameter("@status", (int)entry.Status);
        command.AddParameter("@suspect_times", SuspectTimesText.Format(entry.SuspectTimes));
        command.AddParameter("@start_time", entry.StartTime.ToUniversalTime());
        command.AddParameter("@i_am_alive_time", entry.IAmAliveTime.ToUniversalTime());
    }

    private static async Task<MembershipTableData> ReadTableAsync(DbCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var version = 0;
        var rows = new List<MembershipRow>();
        while (await reader.ReadAsync())
        {
            version = reader.GetInt32(0);
            if (reader.IsDBNull(1))
                continue;
            var entry = new MembershipEntry
            {
                Silo = new SiloAddress(reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3)),
                SiloName = reader.GetString(4),
                HostName = reader.GetString(5),
                Status = (SiloStatus)reader.GetInt32(6),
                SuspectTimes = SuspectTimesText.Parse(reader.GetString(7)),
                StartTime = reader.GetFieldValue<DateTimeOffset>(8),
                IAmAliveTime = reader.GetFieldValue<DateTimeOffset>(9),
            };
            rows.Add(new MembershipRow(entry, reader.GetInt32(10).ToString(CultureInfo.InvariantCulture)));
        }
        return new MembershipTableData(rows, new TableVersion(version, version.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Failures to reach or use the database become <see cref="MembershipTableUnavailableException"/> naming it.</summary>
    private async Task<T> Run<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            throw new MembershipTableUnavailableException(Store, exception);
        }
    }
}
