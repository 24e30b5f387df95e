using System.Globalization;
using System.Security.Claims;
using Actors.Interfaces.Users;

namespace Actors.Api.Auth;

/// <summary>
/// The signed-in API user as HttpContext.User carries it: id, username and role claims. Endpoints read it from
/// HttpContext.User, not from a bound ClaimsPrincipal parameter: parameters are bound before endpoint filters run,
/// so such a parameter would hold the anonymous principal the authentication filter replaced.
/// </summary>
public static class ApiPrincipal
{
    public const string AuthenticationType = "Basic";

    public static ClaimsPrincipal For(UserRecord user) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, user.Username),
        new Claim(ClaimTypes.Role, user.Role),
    ], AuthenticationType));

    public static long UserId(this ClaimsPrincipal principal)
        => long.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);

    public static string Username(this ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.Name)!;

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.IsInRole(UserRoles.Admin);
}
