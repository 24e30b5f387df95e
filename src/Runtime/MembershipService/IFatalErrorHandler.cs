using Microsoft.Extensions.Hosting;

namespace Actors.Runtime.MembershipService;

/// <summary>
/// What a silo does when membership says it must not go on (it was declared dead, or a newer generation of it
/// exists). Orleans fails fast; here the host is stopped and the process exits non-zero, so the orchestrator
/// restarts it as a new generation. Tests replace it to observe the decision.
/// </summary>
public interface IFatalErrorHandler
{
    void OnFatalError(string reason);
}

/// <summary>The process default: stop the host without touching the table, then exit with a failure code.</summary>
internal sealed class ProcessExitFatalErrorHandler(IHostApplicationLifetime lifetime, SiloCrash crash) : IFatalErrorHandler
{
    public const int FatalExitCode = 70;

    public void OnFatalError(string reason)
    {
        Console.Error.WriteLine($"Silo stopping itself: {reason}");
        crash.Crash();
        Environment.ExitCode = FatalExitCode;
        lifetime.StopApplication();
    }
}
