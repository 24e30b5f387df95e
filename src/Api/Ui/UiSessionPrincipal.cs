using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Actors.Api.Auth;
using Actors.Interfaces.Users;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Actors.Api.Ui;

/// <summary>
/// What the session cookie says about its user, and whether that still holds, as ASP.NET Core Identity's
/// SecurityStampValidator checks it: the cookie names the user's id and the security stamp it was issued under, and
/// speaks for the stored user only while both match. A deleted user's name created again gets a new id (ids are never
/// reused) and a new stamp; a new password, role or published state gets a new stamp. Either ends the session.
/// </summary>
public static class UiSessionPrincipal
{
    public const string SecurityStampClaim = "actors:security_stamp";
    public const string SessionClaim = "actors:session";

    /// <summary>
    /// The cookie's claims for a new sign-in of <paramref name="user"/>: id, username and role, the stamp (empty for a
    /// user stored before stamps) and a new random session id.
    /// </summary>
    public static ClaimsPrincipal For(UserRecord user) => new(new ClaimsIdentity(
        ApiPrincipal.For(user).Claims.Append(new Claim(SecurityStampClaim, user.SecurityStamp ?? ""))
            .Append(new Claim(SessionClaim, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)))),
        CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>The session id the cookie was issued with; null for a cookie from before session ids, which is refused.</summary>
    public static string? SessionOf(ClaimsPrincipal session) => session.FindFirstValue(SessionClaim);

    /// <summary>
    /// Whether <paramref name="session"/> was issued to this very user since its last security-relevant change. A
    /// cookie from before stamps has no stamp claim: it is refused, and its user signs in again.
    /// </summary>
    public static bool SpeaksFor(ClaimsPrincipal session, UserRecord user)
        => session.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id.ToString(CultureInfo.InvariantCulture)
           && session.FindFirstValue(SecurityStampClaim) is { } stamp
           && string.Equals(stamp, user.SecurityStamp ?? "", StringComparison.Ordinal);
}
