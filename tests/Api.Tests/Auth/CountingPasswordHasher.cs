using Actors.Interfaces.Users;
using Microsoft.AspNetCore.Identity;

namespace Actors.Api.Tests.Auth;

/// <summary>The real hasher, counting the password checks, which are what a guess costs the server.</summary>
internal sealed class CountingPasswordHasher : IPasswordHasher<UserRecord>
{
    private readonly PasswordHasher<UserRecord> _hasher = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(UserRecord user, string password) => _hasher.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(UserRecord user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
