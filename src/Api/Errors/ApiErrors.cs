using System.Text.Json.Nodes;

namespace Actors.Api.Errors;

/// <summary>Mautic's API error body, <c>{"errors":[{"code":…,"message":"…","details":{…}}]}</c>, with the same HTTP status.</summary>
public static class ApiErrors
{
    public static IResult Problem(int status, string message, JsonObject? details = null)
        => Results.Json(new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject
            {
                ["code"] = status,
                ["message"] = message,
                ["details"] = details ?? new JsonObject(),
            }),
        }, statusCode: status);

    public static IResult NotFound() => Problem(StatusCodes.Status404NotFound, "Item was not found.");

    public static IResult BadRequest(string message, JsonObject? details = null) => Problem(StatusCodes.Status400BadRequest, message, details);
}
