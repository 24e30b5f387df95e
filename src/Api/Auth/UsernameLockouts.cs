namespace Actors.Api.Auth;

/// <summary>
/// Failed sign-ins counted per username, whichever clients send them, so that rotating addresses does not buy
/// unlimited guesses at one account. The <see cref="ApiOptions.MaxFailedLoginsPerUser"/>th failure within
/// <see cref="ApiOptions.UserLockout"/> of the first locks the username for <see cref="ApiOptions.UserLockout"/>; each
/// lockout that follows within <see cref="ApiOptions.MaxUserLockout"/> of the previous one's end lasts twice as long,
/// up to <see cref="ApiOptions.MaxUserLockout"/>. A success never resets the count: a client of the user signing in
/// every few seconds would otherwise wipe an attacker's count as fast as it grows. When the table is full of live
/// entries, a username not in it is refused rather than let through uncounted, since a flood of made-up usernames
/// could otherwise push the guessed one out of reach of its limit.
/// </summary>
internal sealed class UsernameLockouts
{
    private readonly BoundedTable<string, Lockout> _users;
    private readonly int _maxFailures;
    private readonly TimeSpan _lockout;
    private readonly TimeSpan _maxLockout;

    public UsernameLockouts(ApiOptions options)
    {
        _maxFailures = options.MaxFailedLoginsPerUser;
        _lockout = options.UserLockout;
        _maxLockout = options.MaxUserLockout;
        _users = new BoundedTable<string, Lockout>(options.MaxTrackedUsernames, IsForgotten);
    }

    /// <summary>How long sign-ins as <paramref name="user"/> (a user key) are refused, or null when they are not.</summary>
    public TimeSpan? RetryAfter(string user, DateTimeOffset now)
    {
        if (_users.TryGetValue(user, out var lockout))
            return lockout.LockedUntil > now ? lockout.LockedUntil - now : null;
        return _users.HasRoomFor(user, now) ? null : _lockout;
    }

    /// <summary>Counts a failure; answers how long <paramref name="user"/> is now locked when this failure locked it.</summary>
    public TimeSpan? RecordFailure(string user, DateTimeOffset now)
    {
        var wasLocked = _users.TryGetValue(user, out var before) && before.LockedUntil > now;
        if (!_users.AddOrUpdate(user, now, () => Count(new Lockout(now, 0, DateTimeOffset.MinValue, 0), now), old => Count(old, now), out var after))
            return null;
        return !wasLocked && after.LockedUntil > now ? after.LockedUntil - now : null;
    }

    private Lockout Count(Lockout lockout, DateTimeOffset now)
    {
        // A failure that raced past the check while the lock began counts for nothing more.
        if (lockout.LockedUntil > now)
            return lockout;
        var lockouts = lockout.Lockouts > 0 && now - lockout.LockedUntil >= _maxLockout ? 0 : lockout.Lockouts;
        var fresh = lockout.Count == 0 || now - lockout.WindowStart >= _lockout;
        var counted = new Lockout(fresh ? now : lockout.WindowStart, fresh ? 1 : lockout.Count + 1, lockout.LockedUntil, lockouts);
        if (counted.Count < _maxFailures)
            return counted;
        return new Lockout(counted.WindowStart, 0, now + Length(lockouts), lockouts + 1);
    }

    /// <summary><see cref="ApiOptions.UserLockout"/> doubled once per lockout before it, up to the longest.</summary>
    private TimeSpan Length(int lockoutsBefore)
    {
        var length = _lockout;
        for (var i = 0; i < lockoutsBefore && length < _maxLockout; i++)
            length = length.Ticks > _maxLockout.Ticks / 2 ? _maxLockout : length * 2;
        return length;
    }

    /// <summary>An entry is dropped only once it neither refuses, nor counts, nor lengthens a next lockout.</summary>
    private bool IsForgotten(Lockout lockout, DateTimeOffset now)
        => lockout.LockedUntil <= now
           && (lockout.Count == 0 || now - lockout.WindowStart >= _lockout)
           && (lockout.Lockouts == 0 || now - lockout.LockedUntil >= _maxLockout);

    /// <summary>Failures since <paramref name="WindowStart"/>, the end of the current or last lock, and how many locks ran in a row.</summary>
    private sealed record Lockout(DateTimeOffset WindowStart, int Count, DateTimeOffset LockedUntil, int Lockouts);
}
