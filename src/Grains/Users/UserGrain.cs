using System.Security.Cryptography;
using Actors.Grains.Persistence;
using Actors.Interfaces.Users;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Users;

internal sealed class UserState
{
    /// <summary>Null while the user does not exist (never created, or deleted).</summary>
    public UserRecord? User { get; set; }

    /// <summary>Signed-out UI sessions, each until its cookie would have expired.</summary>
    public Dictionary<string, DateTimeOffset> EndedSessions { get; set; } = [];
}

/// <summary>
/// One API user. Every change that could affect the admin count asks the directory first, and stores only when
/// the directory agreed, so the service always keeps an administrator who can sign in. A new password, role or
/// published state gets a new <see cref="UserRecord.SecurityStamp"/>, which ends the user's operator UI sessions; a
/// sign-out ends one session, which the grain remembers until that session's cookie would have expired.
/// </summary>
internal sealed class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> user) : Grain, IUserGrain
{
    private IUserDirectoryGrain Directory => GrainFactory.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key);

    public Task<UserRecord?> Get() => Task.FromResult(user.State.User);

    public Task<UserRecord?> GetForSession(string session)
        => Task.FromResult(user.State.EndedSessions.ContainsKey(session) ? null : user.State.User);

    public async Task EndSession(string session, DateTimeOffset expires)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var expired in user.State.EndedSessions.Where(ended => ended.Value < now).Select(ended => ended.Key).ToArray())
            user.State.EndedSessions.Remove(expired);
        user.State.EndedSessions[session] = expires;
        await user.WriteOrReloadAsync();
    }

    public async Task<UserResult> Create(NewUser created)
    {
        if (user.State.User is { } existing)
            return new UserResult(UserOutcome.Exists, existing);
        var username = IUserGrain.KeyOf(created.Username);
        if (username != this.GetPrimaryKeyString())
            throw new ArgumentException($"User '{created.Username}' does not belong to the grain keyed '{this.GetPrimaryKeyString()}'.", nameof(created));
        var record = new UserRecord(0, username, created.Email, created.FirstName, created.LastName, created.Role,
            created.IsPublished, created.PasswordHash, DateTimeOffset.UtcNow, null, NewSecurityStamp());
        if (await Directory.Enroll(username, record.Email, record.IsActiveAdmin) is not { } id)
            return new UserResult(UserOutcome.EmailTaken, null);
        return await Store(record with { Id = id });
    }

    public async Task<UserResult> Change(UserChange change)
    {
        if (user.State.User is not { } current)
            return new UserResult(UserOutcome.NotFound, null);
        var changed = current with
        {
            Email = change.Email ?? current.Email,
            FirstName = change.FirstName ?? current.FirstName,
            LastName = change.LastName ?? current.LastName,
            Role = change.Role ?? current.Role,
            IsPublished = change.IsPublished ?? current.IsPublished,
            PasswordHash = change.PasswordHash ?? current.PasswordHash,
            DateModified = DateTimeOffset.UtcNow,
        };
        if (changed.PasswordHash != current.PasswordHash || changed.Role != current.Role || changed.IsPublished != current.IsPublished)
            changed = changed with { SecurityStamp = NewSecurityStamp() };
        if (changed.IsActiveAdmin != current.IsActiveAdmin || UserEmails.Normalize(changed.Email) != UserEmails.Normalize(current.Email))
        {
            switch (await Directory.Update(current.Id, changed.Email, changed.IsActiveAdmin))
            {
                case DirectoryChange.LastAdmin:
                    return new UserResult(UserOutcome.LastAdmin, current);
                case DirectoryChange.EmailTaken:
                    return new UserResult(UserOutcome.EmailTaken, current);
            }
        }
        return await Store(changed);
    }

    public async Task<UserResult> Delete()
    {
        if (user.State.User is not { } current)
            return new UserResult(UserOutcome.NotFound, null);
        // Only marked as leaving: the directory forgets it once its contacts are swept of it (Actors.Api.Users.UserDelete).
        if (!await Directory.BeginRemove(current.Id))
            return new UserResult(UserOutcome.LastAdmin, current);
        user.State.User = null;
        // A name created again is a new user (a new id), whose cookies these never were.
        user.State.EndedSessions.Clear();
        await user.WriteOrReloadAsync();
        return new UserResult(UserOutcome.Done, current);
    }

    private static string NewSecurityStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private async Task<UserResult> Store(UserRecord record)
    {
        user.State.User = record;
        await user.WriteOrReloadAsync();
        return new UserResult(UserOutcome.Done, record);
    }
}
