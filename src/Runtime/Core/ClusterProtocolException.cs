namespace Actors.Runtime;

/// <summary>
/// A silo and its caller could not understand each other, so the call never reached a grain: the message was malformed
/// or lacked a field, its arguments or its answer could not be read, the receiving silo has no such grain method, or
/// the receiving silo failed while handling it. Orleans answers these with an Unrecoverable rejection, not the Transient
/// one behind <see cref="GrainRoutingException"/>: asking again sends the same message to the same owner and meets the
/// same failure, so it is not a <see cref="TransientCallFailure"/> but a bug or a mismatch of builds, answered as a
/// server error and logged.
///
/// Rolling upgrades: the runtime has no interface versions (Orleans's [Version]), so a grain method that a newer build
/// added is missing on a silo still running the older one, and a call of it owned by that silo fails with this
/// exception until the silo is replaced. The silo cannot tell that from a build that will never have the method, and
/// a "try again" would loop through a rollout that never finishes without an error in any log; the call did not run,
/// so the client may repeat it once the rollout is done. Silos are upgraded before the front ends for that reason.
/// </summary>
public sealed class ClusterProtocolException(string message) : Exception(message);
