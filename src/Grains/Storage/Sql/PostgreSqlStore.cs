using Microsoft.Extensions.DependencyInjection;
using System.Data.Common;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence.Migrations;
using Npgsql;

namespace Actors.Grains.Storage.Sql;

/// <summary>The configured PostgreSQL database, through the data source the grain storage uses. Commits are durable by default (synchronous_commit = on).</summary>
public sealed class PostgreSqlStore(NpgsqlDataSource dataSource, [FromKeyedServices(SqlDialect.PostgreSql)] GroupCommitWriter writer)
    : SqlStore(writer)
{
    public override SqlDialect Dialect => SqlDialect.PostgreSql;

    public NpgsqlDataSource DataSource => dataSource;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    public override async Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await write(connection);
    }

    // Npgsql writes a DateTimeOffset to timestamptz only with offset zero.
    public override object ToDbTimestamp(DateTimeOffset value) => StoredTimestamp.Normalize(value);

    public override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);
}
