using Actors.Runtime.MembershipService;

namespace Actors.Runtime.TestingHost;

/// <summary>A silo told to stop itself records why and is killed, as a process exiting would be; the test process goes on.</summary>
internal sealed class TestFatalErrorHandler(SiloHandle silo, Func<SiloHandle, Task> kill) : IFatalErrorHandler
{
    public void OnFatalError(string reason)
    {
        silo.RecordFatalError(reason);
        _ = Task.Run(() => kill(silo));
    }
}
