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
/// Admin counting and email uniqueness live here because only one activation sees every user: that makes "not the
/// last admin" and "no other user has this email" atomic.
/// </summary>
internal sealed class UserDirectoryGrain(
    [PersistentState("directory")] IPersistentState<UserDirectoryState> directory) : Grain, IUserDirectoryGrain
{
    private List<UserEntry> Users => directory.State.Users;

    public async Task<long?> Enroll(string username, string email, bool isActiveAdmin)
    {
        // A leaving entry of the same name is another user, whose id its contacts are being swept of.
        var index = Users.FindIndex(u => u.Username == username && !u.IsLeaving);
        if (EmailTaken(email, index >= 0 ? Users[index].Id : null))
            return null;
        if (index >= 0)
        {
            Users[index] = Users[index] with { IsActiveAdmin = isActiveAdmin, Email = UserEmails.Normalize(email) };
            await directory.WriteOrReloadAsync();
            return Users[index].Id;
        }
        var id = ++directory.State.HighWater;
        Users.Add(new UserEntry(id, username, isActiveAdmin, UserEmails.Normalize(email)));
        await directory.WriteOrReloadAsync();
        return id;
    }

    public async Task<DirectoryChange> Update(long id, string email, bool isActiveAdmin)
    {
        var index = Users.FindIndex(u => u.Id == id && !u.IsLeaving);
        if (index < 0)
            return DirectoryChange.Done;
        if (!isActiveAdmin && IsLastActiveAdmin(Users[index]))
            return DirectoryChange.LastAdmin;
        if (EmailTaken(email, id))
            return DirectoryChange.EmailTaken;
        Users[index] = Users[index] with { IsActiveAdmin = isActiveAdmin, Email = UserEmails.Normalize(email) };
        await directory.WriteOrReloadAsync();
        return DirectoryChange.Done;
    }

    public async Task<bool> BeginRemove(long id)
    {
        var index = Users.FindIndex(u => u.Id == id);
        if (index < 0 || Users[index].IsLeaving)
            return true;
        if (IsLastActiveAdmin(Users[index]))
            return false;
        // It no longer counts as an admin nor holds its email: both are free for others from now on.
        Users[index] = Users[index] with { IsActiveAdmin = false, Email = null, IsLeaving = true };
        await directory.WriteOrReloadAsync();
        return true;
    }

    public async Task Remove(long id)
    {
        if (Users.RemoveAll(u => u.Id == id && u.IsLeaving) > 0)
            await directory.WriteOrReloadAsync();
    }

    public async Task LearnEmail(long id, string email)
    {
        var index = Users.FindIndex(u => u.Id == id && !u.IsLeaving && u.Email is null);
        if (index < 0)
            return;
        Users[index] = Users[index] with { Email = UserEmails.Normalize(email) };
        await directory.WriteOrReloadAsync();
    }

    public Task<IReadOnlyList<UserEntry>> List() => Task.FromResult<IReadOnlyList<UserEntry>>(Users.Where(u => !u.IsLeaving).ToArray());

    public Task<IReadOnlyList<UserEntry>> Leaving() => Task.FromResult<IReadOnlyList<UserEntry>>(Users.Where(u => u.IsLeaving).ToArray());

    public Task<string?> UsernameOf(long id) => Task.FromResult(Users.Find(u => u.Id == id && !u.IsLeaving)?.Username);

    private bool EmailTaken(string email, long? ownId)
    {
        var normal = UserEmails.Normalize(email);
        return Users.Any(u => u.Id != ownId && u.Email == normal);
    }

    private bool IsLastActiveAdmin(UserEntry entry) => entry.IsActiveAdmin && Users.Count(u => u.IsActiveAdmin) == 1;
}
