using System.Security.Cryptography;
using Actors.Interfaces.Users;
using Microsoft.AspNetCore.Identity;

namespace Actors.Api.Users;

/// <summary>
/// Password hashing, done here at the edge with ASP.NET Core Identity's hasher (PBKDF2, salted, versioned), so the
/// grains, which must not depend on ASP.NET Core, only store and return the hash and never hold a password.
/// The hasher comes from the services (Identity's <see cref="IPasswordHasher{TUser}"/> contract), so a test can count
/// the hashes a request costs.
/// </summary>
public sealed class UserPasswords(IPasswordHasher<UserRecord> hasher)
{
    private const string GeneratedAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private const int GeneratedLength = 24;

    /// <summary>The hasher ignores its user argument; this stands in for the user a new hash is not yet attached to.</summary>
    private static readonly UserRecord Nobody = new(0, "", "", "", "", UserRoles.User, false, "", DateTimeOffset.MinValue, null, null);

    public string Hash(string password) => hasher.HashPassword(Nobody, password);

    public bool Verify(UserRecord user, string password)
        => hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>A random password of 24 unambiguous letters and digits (about 139 bits).</summary>
    public static string Generate() => RandomNumberGenerator.GetString(GeneratedAlphabet, GeneratedLength);
}
