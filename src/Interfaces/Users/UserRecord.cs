namespace Actors.Interfaces.Users;

/// <summary>
/// An API user as stored. <see cref="PasswordHash"/> is an ASP.NET Core Identity hash made by the front end;
/// grains store and compare it but never see a password. <see cref="SecurityStamp"/> is a random value the user
/// grain replaces whenever what the user may do changes (created, password, role, published), so a session that
/// recorded the old one ends, as ASP.NET Core Identity's security stamp does. Users stored by builds before it have
/// none (null) until their first such change.
/// </summary>
public sealed record UserRecord(
    long Id,
    string Username,
    string Email,
    string FirstName,
    string LastName,
    string Role,
    bool IsPublished,
    string PasswordHash,
    DateTimeOffset DateAdded,
    DateTimeOffset? DateModified,
    string? SecurityStamp)
{
    /// <summary>An administrator who can sign in; the directory keeps at least one.</summary>
    public bool IsActiveAdmin => IsPublished && Role == UserRoles.Admin;
}

/// <summary>The two roles: an admin manages users; a user manages only itself.</summary>
public static class UserRoles
{
    public const string Admin = "admin";
    public const string User = "user";

    public static bool IsKnown(string? role) => role is Admin or User;
}
