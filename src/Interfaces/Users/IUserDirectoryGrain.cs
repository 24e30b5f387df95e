using Actors.Runtime;
using Actors.Runtime.Concurrency;

namespace Actors.Interfaces.Users;

/// <summary>
/// The list of API users: allocates their ids, maps ids to usernames, and counts active admins so that the
/// last one can be neither deleted nor demoted. One grain, keyed <see cref="Key"/>; only user grains write to it.
/// </summary>
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "users";

    /// <summary>The id for a new user: a fresh one, or the one an earlier, interrupted creation of the same username got.</summary>
    Task<long> Enroll(string username, bool isActiveAdmin);

    /// <summary>Records whether a user is an active admin; false (and nothing changes) when it would leave none.</summary>
    Task<bool> Update(long id, bool isActiveAdmin);

    /// <summary>Forgets a user; false (and nothing changes) when it is the last active admin.</summary>
    Task<bool> Remove(long id);

    [ReadOnly]
    Task<IReadOnlyList<UserEntry>> List();

    /// <summary>The username of the user with this id, or null.</summary>
    [ReadOnly]
    Task<string?> UsernameOf(long id);
}

public sealed record UserEntry(long Id, string Username, bool IsActiveAdmin);
