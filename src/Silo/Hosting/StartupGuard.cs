using Actors.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Hosting;

/// <summary>
/// Composes and runs a web host so that a misconfiguration ends the process with one readable line and exit code 1,
/// instead of a stack trace or a process that listens without a working silo. The guard covers the whole start, not
/// only the host's: a setting read while the services are added (Cluster:Mode, DataProtection:CertificatePath) or
/// while the endpoints are mapped (Tracking, whose options the proxy-scheme middleware takes then) fails before the
/// host starts. Start-up order makes a listening process without a silo impossible: the host validates options
/// first, then starts hosted services in registration order, and WebApplication registers Kestrel's service last, so
/// the silo has migrated its storage before anything listens, and a failure there stops the start before Kestrel binds.
/// </summary>
public static class StartupGuard
{
    public const int StartupFailedExitCode = 1;

    /// <summary>
    /// Builds the host from <paramref name="args"/> with <paramref name="addServices"/> and <paramref name="mapEndpoints"/>,
    /// runs it until shutdown and disposes it; returns the process exit code.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, Action<WebApplicationBuilder> addServices, Action<WebApplication> mapEndpoints)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddLoggingDefaults();
        // The generic host logs a failed start with its stack trace before the one-line reason below; an unexpected
        // failure still surfaces with its stack trace as an unhandled exception.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        WebApplication? app = null;
        string? failure = null;
        try
        {
            try
            {
                addServices(builder);
                app = builder.Build();
                mapEndpoints(app);
                await app.StartAsync();
            }
            catch (Exception exception) when (Describe(exception) is { } reason)
            {
                failure = $"Start-up failed: {reason}";
                LogFailure(builder, app, failure);
            }
            if (failure is null)
            {
                await app!.WaitForShutdownAsync();
                return 0;
            }
        }
        finally
        {
            // Disposal flushes the console logger, so the line below is the last one the operator sees.
            if (app is not null)
                await app.DisposeAsync();
        }
        await Console.Error.WriteLineAsync(failure);
        return StartupFailedExitCode;
    }

    /// <summary>Logs through the host's loggers when it was built, else through console loggers configured as its own would be.</summary>
    static void LogFailure(WebApplicationBuilder builder, WebApplication? app, string failure)
    {
        if (app is not null)
        {
            app.Logger.LogCritical("{StartupFailure}", failure);
            return;
        }
        using var loggers = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole());
        loggers.CreateLogger(builder.Environment.ApplicationName).LogCritical("{StartupFailure}", failure);
    }

    /// <summary>The operator-facing reason for a known start-up failure, on one line; null for anything else, which is a bug and keeps its stack trace.</summary>
    static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException or SiloStartupException => exception.Message.ReplaceLineEndings(" "),
        // The configuration binder's "Failed to convert configuration value at 'Section:Key' to type ...".
        InvalidOperationException when exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            exception.Message.ReplaceLineEndings(" "),
        // Kestrel's "Failed to bind to address http://...: address already in use."
        IOException { InnerException: not null } when exception.Message.StartsWith("Failed to bind", StringComparison.Ordinal) =>
            $"{exception.Message} Choose another address with --urls or ASPNETCORE_URLS.",
        // The host reports several failed option validations together.
        AggregateException { InnerExceptions: var inner } when inner.All(e => Describe(e) is not null) =>
            string.Join(" ", inner.Select(Describe)),
        _ => null,
    };
}
