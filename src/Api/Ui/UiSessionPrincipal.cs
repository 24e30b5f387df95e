using System.Globalization;
using System.Security.Claims;
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

    /// <summary>The cookie's claims for <paramref name="user"/>: id, username and role, and the stamp (empty for a user stored before stamps).</summary>
    public static ClaimsPrincipal For(UserRecord user) => new(new ClaimsIdentity(
        ApiPrincipal.For(user).Claims.Append(new Claim(SecurityStampClaim, user.SecurityStamp ?? "")),
        CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>
    /// Whether <paramref name="session"/> was issued to this very user since its last security-relevant change. A
    /// cookie from before stamps has no stamp claim: it is refused, and its user signs in again.
    /// </summary>
    public static bool SpeaksFor(ClaimsPrincipal session, UserRecord user)
        => session.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id.ToString(CultureInfo.InvariantCulture)
           && session.FindFirstValue(SecurityStampClaim) is { } stamp
           && string.Equals(stamp, user.SecurityStamp ?? "", StringComparison.Ordinal);
}
