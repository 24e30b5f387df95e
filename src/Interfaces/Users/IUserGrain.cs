using Actors.Runtime;
using Actors.Runtime.Concurrency;

namespace Actors.Interfaces.Users;

/// <summary>
/// One API user, keyed by its lower-cased username (<see cref="KeyOf"/>). The key makes usernames unique:
/// two concurrent creations of the same name meet in one activation, and the second finds the first.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    public static string KeyOf(string username) => username.Trim().ToLowerInvariant();

    /// <summary>The user, or null when it does not exist.</summary>
    [ReadOnly]
    Task<UserRecord?> Get();

    /// <summary>The user, or null when it does not exist or the operator UI session <paramref name="session"/> has ended.</summary>
    [ReadOnly]
    Task<UserRecord?> GetForSession(string session);

    /// <summary>
    /// Ends the UI session <paramref name="session"/> (a sign-out): from now on <see cref="GetForSession"/> answers null
    /// for it. It is remembered until <paramref name="expires"/>, past which its cookie no longer signs in anyway.
    /// </summary>
    Task EndSession(string session, DateTimeOffset expires);

    /// <summary>
    /// Creates the user under this key with an id from the directory; <see cref="UserOutcome.Exists"/> when the name is
    /// taken, <see cref="UserOutcome.EmailTaken"/> when another user has the email.
    /// </summary>
    Task<UserResult> Create(NewUser user);

    /// <summary>Applies the non-null members of <paramref name="change"/>; refuses to leave the service without an active admin, or to take another user's email.</summary>
    Task<UserResult> Change(UserChange change);

    /// <summary>
    /// Deletes the user and answers it as it was; refuses to delete the last active admin. The directory keeps its id
    /// as leaving until the caller has swept the contacts it owned (<see cref="IUserDirectoryGrain.Remove"/>).
    /// </summary>
    Task<UserResult> Delete();
}

public sealed record NewUser(string Username, string Email, string FirstName, string LastName, string Role, bool IsPublished, string PasswordHash);

/// <summary>A partial change: null members stay as they are.</summary>
public sealed record UserChange(
    string? Email = null,
    string? FirstName = null,
    string? LastName = null,
    string? Role = null,
    bool? IsPublished = null,
    string? PasswordHash = null);

public enum UserOutcome
{
    Done,
    NotFound,
    Exists,
    LastAdmin,
    EmailTaken,
}

/// <summary>What a user operation did, and the user after it (before it, for a delete).</summary>
public sealed record UserResult(UserOutcome Outcome, UserRecord? User);
