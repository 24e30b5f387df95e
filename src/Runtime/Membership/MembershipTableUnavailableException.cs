namespace Actors.Runtime.Membership;

/// <summary>
/// The membership store could not be reached or failed the operation. The message names the store (never with its
/// password), so a silo that cannot join says where it looked; the cause is the inner exception.
/// </summary>
public sealed class MembershipTableUnavailableException(string store, Exception innerException)
    : Exception($"The membership table in {store} cannot be used: {innerException.Message}", innerException)
{
    public string Store { get; } = store;
}
