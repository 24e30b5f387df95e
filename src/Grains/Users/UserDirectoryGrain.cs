using Actors.Grains.Persistence;
using Actors.Interfaces.Users;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Users;

internal sealed class UserDirectoryState
{
    /// <summary>The last id ever handed out (0: none yet), so a deleted user's id is never reused.</summary>
    public long HighWater { get; set; }

    public List<UserEntry> Users { get; set; } = [];
}

/// <summary>
/// The users' directory. A user grain enrols here before it stores itself, so a crash between the two leaves an
/// entry without a user (listing skips it, and re-creating the name reuses its id), never a user without an id.
/// Admin counting lives here because only one activation sees every user: that makes "not the last admin" atomic.
/// </summary>
internal sealed class UserDirectoryGrain(
    [PersistentState("directory")] IPersistentState<UserDirectoryState> directory) : Grain, IUserDirectoryGrain
{
    private List<UserEntry> Users => directory.State.Users;

    public async Task<long> Enroll(string username, bool isActiveAdmin)
    {
        var index = Users.FindIndex(u => u.Username == username);
        if (index >= 0)
        {
            Users[index] = Users[index] with { IsActiveAdmin = isActiveAdmin };
            await directory.WriteOrReloadAsync();
            return Users[index].Id;
        }
        var id = ++directory.State.HighWater;
        Users.Add(new UserEntry(id, username, isActiveAdmin));
        await directory.WriteOrReloadAsync();
        return id;
    }

    public async Task<bool> Update(long id, bool isActiveAdmin)
    {
        var index = Users.FindIndex(u => u.Id == id);
        if (index < 0)
            return true;
        if (!isActiveAdmin && IsLastActiveAdmin(Users[index]))
            return false;
        Users[index] = Users[index] with { IsActiveAdmin = isActiveAdmin };
        await directory.WriteOrReloadAsync();
        return true;
    }

    public async Task<bool> Remove(long id)
    {
        var entry = Users.Find(u => u.Id == id);
        if (entry is null)
            return true;
        if (IsLastActiveAdmin(entry))
            return false;
        Users.Remove(entry);
        await directory.WriteOrReloadAsync();
        return true;
    }

    public Task<IReadOnlyList<UserEntry>> List() => Task.FromResult<IReadOnlyList<UserEntry>>(Users.ToArray());

    public Task<string?> UsernameOf(long id) => Task.FromResult(Users.Find(u => u.Id == id)?.Username);

    private bool IsLastActiveAdmin(UserEntry entry) => entry.IsActiveAdmin && Users.Count(u => u.IsActiveAdmin) == 1;
}
