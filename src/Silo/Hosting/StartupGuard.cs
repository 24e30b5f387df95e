using Actors.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Hosting;

/// <summary>
/// Runs a web host so that a misconfiguration ends the process with one readable line and exit code 1,
/// instead of a stack trace or a process that listens without a working silo. Start-up order makes the
/// second impossible: the host validates options first, then starts hosted services in registration order,
/// and WebApplication registers Kestrel's service last, so the silo has migrated its storage before anything
/// listens, and a failure there stops the start before Kestrel binds.
/// </summary>
public static class StartupGuard
{
    public const int StartupFailedExitCode = 1;

    /// <summary>Starts <paramref name="app"/>, runs it until shutdown and disposes it; returns the process exit code.</summary>
    public static async Task<int> RunAsync(WebApplication app)
    {
        string? failure = null;
        await using (app)
        {
            try
            {
                await app.StartAsync();
            }
            catch (Exception exception) when (Describe(exception) is { } reason)
            {
                failure = $"Start-up failed: {reason}";
                app.Logger.LogCritical("{StartupFailure}", failure);
            }
            if (failure is null)
            {
                await app.WaitForShutdownAsync();
                return 0;
            }
        }
        // Written after disposal has flushed the console logger, so it is the last line the operator sees.
        await Console.Error.WriteLineAsync(failure);
        return StartupFailedExitCode;
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
