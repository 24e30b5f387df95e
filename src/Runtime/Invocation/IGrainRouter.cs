namespace Actors.Runtime.Invocation;

/// <summary>Decides where a grain's calls run in a cluster, and sends the ones that belong to another silo.</summary>
internal interface IGrainRouter
{
    /// <summary>Whether this process's silo owns <paramref name="grain"/> under its current view.</summary>
    bool IsLocal(GrainId grain);

    /// <summary>Sends the call to the owner silo and completes it from the answer (or fails it).</summary>
    void Send(RoutableCall call);
}
