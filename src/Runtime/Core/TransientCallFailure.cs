namespace Actors.Runtime;

/// <summary>
/// The failures of a grain call that mean "the cluster could not take this call now; try again", not a bug: the owner
/// silo is gone, unreachable or stopping (<see cref="SiloUnavailableException"/>), the silos' membership views
/// disagreed and the call never reached its owner (<see cref="GrainRoutingException"/>, Orleans's transient rejection),
/// or no answer came within the response timeout (<see cref="TimeoutException"/>, whose outcome is unknown), or a grain's
/// write met a record another activation of it had written (<see cref="Persistence.InconsistentStateException"/>: two
/// activations live for a moment while a grain moves off a stopping silo; the failing one deactivates and the next call
/// reads the record anew). Each passes within seconds, once membership settles. Front ends answer them 503 with Retry-After; start-up calls retry them.
/// A <see cref="ClusterProtocolException"/> (a message the silos could not understand) is not one: it would fail the same way again.
/// </summary>
public static class TransientCallFailure
{
    public static bool Is(Exception failure) => failure is SiloUnavailableException or GrainRoutingException or TimeoutException or Persistence.InconsistentStateException;
}
