using System.Text.Json.Nodes;

namespace Actors.Api.Errors;

/// <summary>
/// Mautic's API error body, <c>{"errors":[{"code":…,"message":"…","details":{…},"type":null}]}</c>, with the same HTTP
/// status. Details are an object of messages by name, or where Mautic gives them so a list of messages.
/// </summary>
public static class ApiErrors
{
    public static IResult Problem(int status, string message, JsonNode? details = null, string? type = null)
        => Results.Json(Body(status, message, details, type), statusCode: status);

    /// <summary>The body alone, for middleware that writes the response itself.</summary>
    public static JsonObject Body(int status, string message, JsonNode? details = null, string? type = null) => new()
    {
        ["errors"] = new JsonArray(new JsonObject
        {
            ["code"] = status,
            ["message"] = message,
            ["details"] = details ?? new JsonObject(),
            ["type"] = type,
        }),
    };

    public static IResult NotFound() => Problem(StatusCodes.Status404NotFound, "Item was not found.");

    /// <summary>Mautic's answer to a user whose role lacks the permission an action needs.</summary>
    public static IResult Forbidden() => Problem(StatusCodes.Status403Forbidden, "You do not have access to the requested area/action.");

    public static IResult BadRequest(string message, JsonNode? details = null) => Problem(StatusCodes.Status400BadRequest, message, details);
}
