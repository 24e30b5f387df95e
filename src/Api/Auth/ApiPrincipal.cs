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
        new Claim(ClaimTypes.GivenName, user.FirstName),
        new Claim(ClaimTypes.Surname, user.LastName),
    ], AuthenticationType));

    public static long UserId(this ClaimsPrincipal principal)
        => long.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);

    public static string Username(this ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.Name)!;

    /// <summary>
    /// The user a change made in this request is recorded as made by; null for a request no user signed in to (tracking).
    /// The names are the stored user's as this request found them: Basic and the UI session both build the principal
    /// from the stored user (<see cref="For"/>) on every request.
    /// </summary>
    public static ActingUser? ActingUser(this ClaimsPrincipal principal)
        => principal.FindFirstValue(ClaimTypes.NameIdentifier) is null
            ? null
            : new ActingUser(principal.UserId(), $"{principal.FindFirstValue(ClaimTypes.GivenName)} {principal.FindFirstValue(ClaimTypes.Surname)}");

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.IsInRole(UserRoles.Admin);
}
