using System.Diagnostics;
using Npgsql;

namespace Actors.Bench.Import;

/// <summary>The baselines: psql itself, run as a separate process against the service's own schema, timed from start to exit.</summary>
internal static class Psql
{
    /// <summary>
    /// Runs psql -c <paramref name="command"/> with its standard output sent to /dev/null by the shell, so that reading
    /// it costs this process nothing while it is timed; the elapsed time.
    /// </summary>
    public static async Task<TimeSpan> RunAsync(string connectionString, string command)
    {
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("sh", ["-c", "exec psql -X -q -v ON_ERROR_STOP=1 -c \"$0\" > /dev/null", command])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PGHOST"] = server.Host;
        start.Environment["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = server.Username;
        start.Environment["PGPASSWORD"] = server.Password;
        start.Environment["PGDATABASE"] = server.Database;
        if (server.SearchPath is { } schema)
            start.Environment["PGOPTIONS"] = "-c search_path=" + schema;
        var watch = Stopwatch.StartNew();
        using var psql = Process.Start(start) ?? throw new InvalidOperationException("psql could not be started.");
        var errors = psql.StandardError.ReadToEndAsync();
        await psql.WaitForExitAsync();
        var elapsed = watch.Elapsed;
        if (psql.ExitCode != 0)
            throw new InvalidOperationException($"psql -c \"{command}\" failed: {await errors}");
        return elapsed;
    }
}
