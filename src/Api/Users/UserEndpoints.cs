using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Actors.Api.Auth;
using Actors.Api.Contacts;
using Actors.Api.Errors;
using Actors.Api.Json;
using Actors.Api.Lists;
using Actors.Interfaces.Users;
using Actors.Runtime;
using Actors.Runtime.Text;
using Microsoft.Extensions.Options;
using Actors.Api.Http;

namespace Actors.Api.Users;

/// <summary>
/// /api/users in Mautic's shape. Anyone signed in may read users; an admin may create, edit and delete any user,
/// a non-admin only edit or delete itself and never change its own role or published flag. PUT requires email and
/// names and PATCH none; both leave out members unchanged (a username never changes). Bodies are read by
/// <see cref="RequestJson"/>, as every other endpoint's are, rather than bound, so a malformed one is a 400 in Mautic's
/// error body rather than the framework's, and a body past Contacts:MaxBodyLength is a 413.
/// </summary>
public static class UserEndpoints
{
    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users");
        users.MapGet("", ListAsync);
        users.MapGet("/self", SelfAsync);
        users.MapGet("/{id}", GetAsync);
        users.MapPost("/new", CreateAsync);
        users.MapMethods("/{id}/edit", [HttpMethods.Put, HttpMethods.Patch], EditAsync);
        users.MapDelete("/{id}/delete", DeleteAsync);
        return api;
    }

    private static readonly Dictionary<string, Func<UserRecord, IComparable?>> Orderings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = u => u.Id,
        ["username"] = u => u.Username,
        ["email"] = u => LowerCase.Of(u.Email),
        ["firstName"] = u => LowerCase.Of(u.FirstName),
        ["lastName"] = u => LowerCase.Of(u.LastName),
        ["role"] = u => u.Role,
        ["dateAdded"] = u => u.DateAdded,
    };

    /// <summary>The users with the list parameters every Mautic list takes: search (username, email, names), start, limit, orderBy and orderByDir.</summary>
    private static async Task<IResult> ListAsync(HttpRequest request, IGrainFactory grains)
    {
        ListParameters list;
        IReadOnlyList<string> terms;
        try
        {
            list = ListParameters.Read(request);
            terms = SearchTerms.Parse(list.Search);
        }
        catch (FormatException e)
        {
            return ApiErrors.BadRequest(e.Message);
        }
        var entries = await Directory(grains).List();
        var users = await Task.WhenAll(entries.Select(e => User(grains, e.Username).Get()));
        var found = users.OfType<UserRecord>().Where(u => SearchTerms.AllIn(terms, u.Username, u.Email, u.FirstName, u.LastName)).ToArray();
        UserRecord[] page;
        try
        {
            page = list.Page(found, "user", Orderings, "id", u => u.Id).ToArray();
        }
        catch (FormatException e)
        {
            return ApiErrors.BadRequest(e.Message);
        }
        return Results.Json(new JsonObject
        {
            ["total"] = found.Length.ToString(CultureInfo.InvariantCulture),
            ["users"] = new JsonArray(page.Select(u => (JsonNode)UserJson.Write(u)).ToArray()),
        });
    }

    private static async Task<IResult> SelfAsync(HttpContext http, IGrainFactory grains)
        => await User(grains, http.User.Username()).Get() is { } user ? UserJson.One(user) : ApiErrors.NotFound();

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains)
        => await FindAsync(grains, id) is { } user ? UserJson.One(user) : ApiErrors.NotFound();

    private static async Task<IResult> CreateAsync(HttpContext http, IGrainFactory grains, UserPasswords passwords, IOptions<ContactOptions> options)
    {
        if (!http.User.IsAdmin())
            return ApiErrors.Forbidden();
        var (input, error) = await ReadInputAsync(http.Request, UserInput.Purpose.Create, options.Value);
        if (input is null)
            return error!;
        var created = new NewUser(input.Username!, input.Email!, input.FirstName!, input.LastName!,
            input.Role ?? UserRoles.User, input.IsPublished ?? true, passwords.Hash(input.Password!));
        var result = await User(grains, created.Username).Create(created);
        if (result.Outcome == UserOutcome.Exists)
            return Invalid(StatusCodes.Status422UnprocessableEntity, new() { ["username"] = ["This username is already taken."] });
        if (result.Outcome == UserOutcome.EmailTaken)
            return EmailTaken();
        return Results.Created(ApiLocation.Of(http.Request, $"/api/users/{result.User!.Id}"), new JsonObject { ["user"] = UserJson.Write(result.User) });
    }

    private static async Task<IResult> EditAsync(string id, HttpContext http, IGrainFactory grains, UserPasswords passwords, IOptions<ContactOptions> options)
    {
        var caller = http.User;
        if (await FindAsync(grains, id) is not { } user)
            return ApiErrors.NotFound();
        var purpose = HttpMethods.IsPut(http.Request.Method) ? UserInput.Purpose.Replace : UserInput.Purpose.Patch;
        var (input, error) = await ReadInputAsync(http.Request, purpose, options.Value);
        if (input is null)
            return error!;
        // A user may name its own role and published flag as they are (a full body does) but never change them.
        var changesStanding = (input.Role is not null && input.Role != user.Role) || (input.IsPublished is not null && input.IsPublished != user.IsPublished);
        if (!MayChange(caller, user) || (!caller.IsAdmin() && changesStanding))
            return ApiErrors.Forbidden();
        if (input.Username is not null && IUserGrain.KeyOf(input.Username) != user.Username)
            return Invalid(StatusCodes.Status400BadRequest, new() { ["username"] = ["A username cannot be changed."] });
        var change = new UserChange(input.Email, input.FirstName, input.LastName, input.Role, input.IsPublished,
            input.Password is null ? null : passwords.Hash(input.Password));
        return Answer(await User(grains, user.Username).Change(change));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, IGrainFactory grains, UserDelete delete)
    {
        if (await FindAsync(grains, id) is not { } user)
        {
            // A user whose delete was cut short is hidden already: repeating the DELETE finishes it, and the user is gone.
            if (http.User.IsAdmin() && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
                await delete.FinishIfLeavingAsync(userId, http.RequestAborted);
            return ApiErrors.NotFound();
        }
        if (!MayChange(http.User, user))
            return ApiErrors.Forbidden();
        return Answer(await delete.RunAsync(user, http.RequestAborted));
    }

    private static IResult Answer(UserResult result) => result.Outcome switch
    {
        UserOutcome.Done => UserJson.One(result.User!),
        UserOutcome.LastAdmin => ApiErrors.Problem(StatusCodes.Status422UnprocessableEntity,
            "The last published admin cannot be deleted, demoted or unpublished."),
        UserOutcome.EmailTaken => EmailTaken(),
        _ => ApiErrors.NotFound(),
    };

    /// <summary>Mautic's users.email is a unique column, validated as a unique entity: a 422 naming the field.</summary>
    private static IResult EmailTaken() => Invalid(StatusCodes.Status422UnprocessableEntity, new() { ["email"] = ["This email is already taken."] });

    private static bool MayChange(ClaimsPrincipal caller, UserRecord user) => caller.IsAdmin() || caller.UserId() == user.Id;

    private static async Task<(UserInput? Input, IResult? Error)> ReadInputAsync(HttpRequest request, UserInput.Purpose purpose, ContactOptions options)
    {
        var (body, malformed) = await RequestJson.ReadAsync(request, options.MaxBodyLength, allowEmpty: false);
        if (malformed is not null)
            return (null, malformed);
        if (body is not JsonObject fields)
            return (null, ApiErrors.BadRequest("The request body must be a JSON object."));
        var input = UserInput.Read(fields, purpose);
        return input.Problems.Count == 0
            ? (input, null)
            : (null, Invalid(StatusCodes.Status400BadRequest, input.Problems.ToDictionary(p => p.Key, p => p.Value)));
    }

    private static IResult Invalid(int status, Dictionary<string, List<string>> problems) => Catalogs.ResourceInput.Invalid(status, problems);

    private static async Task<UserRecord?> FindAsync(IGrainFactory grains, string id)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
            return null;
        return await Directory(grains).UsernameOf(userId) is { } username ? await User(grains, username).Get() : null;
    }

    private static IUserDirectoryGrain Directory(IGrainFactory grains) => grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key);

    private static IUserGrain User(IGrainFactory grains, string username) => grains.GetGrain<IUserGrain>(IUserGrain.KeyOf(username));
}
