using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Interfaces.Users;

namespace Actors.Api.Users;

/// <summary>A user in the API's shape. The password hash is deliberately not a member: no response ever carries it.</summary>
public static class UserJson
{
    public static JsonObject Write(UserRecord user) => new()
    {
        ["id"] = user.Id,
        ["username"] = user.Username,
        ["email"] = user.Email,
        ["firstName"] = user.FirstName,
        ["lastName"] = user.LastName,
        ["role"] = user.Role,
        ["isPublished"] = user.IsPublished,
        ["dateAdded"] = ContactJson.Date(user.DateAdded),
        ["dateModified"] = ContactJson.Date(user.DateModified),
    };

    public static IResult One(UserRecord user) => Results.Json(new JsonObject { ["user"] = Write(user) });
}
