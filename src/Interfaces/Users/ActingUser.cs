namespace Actors.Interfaces.Users;

/// <summary>
/// The signed-in user a change is made by, as Mautic records it on what the change creates or modifies (createdBy,
/// createdByUser, modifiedBy, modifiedByUser): the user's id, and the name "First Last" as it was at the time.
/// </summary>
public sealed record ActingUser(long Id, string Name);
