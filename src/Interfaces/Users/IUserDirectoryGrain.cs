using Actors.Runtime;
using Actors.Runtime.Concurrency;

namespace Actors.Interfaces.Users;

/// <summary>
/// The list of API users: allocates their ids, maps ids to usernames, keeps each user's email unique (ignoring case,
/// as Mautic's unique users.email column does), and counts active admins so that the last one can be neither deleted
/// nor demoted. One grain, keyed <see cref="Key"/>; only user grains write to it, but for the delete's last step.
/// A delete marks the user's entry as leaving (<see cref="BeginRemove"/>): from then on it is out of every answer but
/// <see cref="Leaving"/>, its contacts are swept of it as their owner, and then it is removed (<see cref="Remove"/>).
/// </summary>
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "users";

    /// <summary>
    /// The id for a new user: a fresh one, or the one an earlier, interrupted creation of the same username got; null
    /// (and nothing changes) when another user has the email.
    /// </summary>
    Task<long?> Enroll(string username, string email, bool isActiveAdmin);

    /// <summary>Records a user's email and whether it is an active admin, unless it would leave no admin or the email is another's.</summary>
    Task<DirectoryChange> Update(long id, string email, bool isActiveAdmin);

    /// <summary>Marks a user as leaving; false (and nothing changes) when it is the last active admin. Repeating it answers true.</summary>
    Task<bool> BeginRemove(long id);

    /// <summary>Forgets a leaving user, once no contact names it as owner.</summary>
    Task Remove(long id);

    /// <summary>Records the email of a user an older build enrolled without one, so that it counts as taken.</summary>
    Task LearnEmail(long id, string email);

    /// <summary>The users, but for those leaving.</summary>
    [ReadOnly]
    Task<IReadOnlyList<UserEntry>> List();

    /// <summary>The users whose delete began and was not finished.</summary>
    [ReadOnly]
    Task<IReadOnlyList<UserEntry>> Leaving();

    /// <summary>The username of the user with this id, or null (as for a leaving user).</summary>
    [ReadOnly]
    Task<string?> UsernameOf(long id);
}

/// <summary>
/// A user as the directory knows it. <see cref="Email"/> is normalised (<see cref="UserEmails.Normalize"/>), and null
/// for a user an older build enrolled until its email is learnt.
/// </summary>
public sealed record UserEntry(long Id, string Username, bool IsActiveAdmin, string? Email = null, bool IsLeaving = false);

public enum DirectoryChange
{
    Done,
    LastAdmin,
    EmailTaken,
}

public static class UserEmails
{
    /// <summary>The form two emails are compared in: trimmed and lower-cased.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
