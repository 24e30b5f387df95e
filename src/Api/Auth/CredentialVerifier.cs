using System.Security.Cryptography;
using System.Text;
using Actors.Api.Users;
using Actors.Interfaces.Users;
using Actors.Runtime;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Actors.Api.Auth;

/// <summary>
/// Checks a username and password. Basic authentication sends them with every request and the hash is slow on
/// purpose (PBKDF2, tens of milliseconds), so verifying each request would cap API throughput at a few dozen
/// requests per second and core. A verified pair is therefore remembered for
/// <see cref="ApiOptions.VerifiedCredentialLifetime"/>, keyed by a SHA-256 of username and password (the password
/// itself is never kept), together with the stored hash it matched. The user is still read on every request,
/// which is cheap, and the memory counts only while the stored hash is the same: a password change, on any silo,
/// invalidates it at once, and role or published changes apply to the next request.
/// </summary>
public sealed class CredentialVerifier(IGrainFactory grains, UserPasswords passwords, IOptions<ApiOptions> options) : IDisposable
{
    /// <summary>Most remembered pairs; beyond it the cache evicts, which costs a re-hash and nothing else.</summary>
    private const int MaxRemembered = 10_000;

    private readonly MemoryCache _verified = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });
    private readonly TimeSpan _lifetime = options.Value.VerifiedCredentialLifetime;
    private readonly Lazy<UserRecord> _decoy = new(() => new UserRecord(0, "", "", "", "", "", false, passwords.Hash(UserPasswords.Generate()), DateTimeOffset.MinValue, null, null));

    /// <summary>The user these credentials sign in as, or null when they do not (unknown, unpublished, wrong password).</summary>
    public async Task<UserRecord?> VerifyAsync(string username, string password)
    {
        // The grain key trims, but no username holds white space: " admin" names no user, as Mautic's lookup finds none.
        var user = username == username.Trim() ? await grains.GetGrain<IUserGrain>(IUserGrain.KeyOf(username)).Get() : null;
        if (user is not { IsPublished: true })
        {
            // Hash anyway, so that the answer for an unknown name takes as long as for a wrong password and
            // response times do not tell which usernames exist.
            passwords.Verify(_decoy.Value, password);
            return null;
        }
        var key = Fingerprint(user.Username, password);
        if (_verified.TryGetValue(key, out string? hash) && hash == user.PasswordHash)
            return user;
        if (!passwords.Verify(user, password))
            return null;
        if (_lifetime > TimeSpan.Zero)
            _verified.Set(key, user.PasswordHash, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _lifetime });
        return user;
    }

    private static string Fingerprint(string username, string password)
        => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(username + "\0" + password)));

    public void Dispose() => _verified.Dispose();
}
