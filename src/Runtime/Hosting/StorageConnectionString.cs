using System.Data.Common;
using Npgsql;

namespace Actors.Runtime.Hosting;

/// <summary>The storage's PostgreSQL connection string with the settings the service depends on.</summary>
internal static class StorageConnectionString
{
    /// <summary>
    /// Statements each connection keeps prepared when the connection string does not say (Npgsql's own default, 0,
    /// prepares none). The service sends a few statements over and over (each record table's insert and update, the
    /// event log's append, activation reads), and PostgreSQL planned each of them again on every execution; keeping the
    /// plans made pixel hits on PostgreSQL markedly faster (docs/benchmarks.md).
    /// </summary>
    public const int DefaultMaxAutoPrepare = 64;

    static readonly string[] AutoPrepareKeywords = ["Max Auto Prepare", "MaxAutoPrepare"];

    /// <summary><paramref name="connectionString"/> with <see cref="DefaultMaxAutoPrepare"/> unless it sets its own.</summary>
    public static string WithDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (AutoPrepareKeywords.Any(given.ContainsKey))
            return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare }.ToString();
    }
}
