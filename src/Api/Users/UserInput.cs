using Actors.Grains.Contacts;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Interfaces.Users;

namespace Actors.Api.Users;

/// <summary>
/// A user as a request body gives it, checked at the edge. The password comes as <c>password</c>, or as Mautic's
/// <c>plainPassword: {password, confirm}</c>. Which members are required depends on the request: all of them to
/// create, all but the password to replace (PUT), none to patch.
/// </summary>
public sealed class UserInput
{
    public const int MinPasswordLength = 8;
    public const int MaxUsernameLength = 64;
    public const int MaxNameLength = 191;

    private readonly Dictionary<string, List<string>> _problems = [];

    private UserInput()
    {
    }

    public string? Username { get; private set; }
    public string? Email { get; private set; }
    public string? FirstName { get; private set; }
    public string? LastName { get; private set; }
    public string? Role { get; private set; }
    public bool? IsPublished { get; private set; }
    public string? Password { get; private set; }

    public IReadOnlyDictionary<string, List<string>> Problems => _problems;

    public enum Purpose { Create, Replace, Patch }

    public static UserInput Read(JsonObject body, Purpose purpose)
    {
        var input = new UserInput();
        var whole = purpose != Purpose.Patch;
        input.Username = input.Text(body, "username", purpose == Purpose.Create);
        input.Email = input.Text(body, "email", whole);
        input.FirstName = input.Text(body, "firstName", whole);
        input.LastName = input.Text(body, "lastName", whole);
        input.Role = input.Text(body, "role", required: false);
        input.IsPublished = input.Flag(body, "isPublished");
        input.Password = input.PasswordFrom(body, purpose == Purpose.Create);
        input.Check("username", input.Username is null ? null : UsernameProblem(input.Username));
        input.Check("email", input.Email is null || EmailAddress.LooksValid(input.Email) ? null : EmailAddress.Invalid);
        input.Check("password", input.Password is null ? null : PasswordProblem(input.Password));
        input.Check("role", input.Role is null || UserRoles.IsKnown(input.Role) ? null : $"Role must be '{UserRoles.Admin}' or '{UserRoles.User}'.");
        foreach (var (name, value) in new[] { ("firstName", input.FirstName), ("lastName", input.LastName) })
            input.Check(name, value is { Length: > MaxNameLength } ? $"At most {MaxNameLength} characters." : null);
        return input;
    }

    public static string? UsernameProblem(string username)
    {
        var trimmed = username.Trim();
        if (trimmed.Length is 0 or > MaxUsernameLength)
            return $"A username has 1 to {MaxUsernameLength} characters.";
        return trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@')
            ? null
            : "A username may contain only letters, digits, '.', '_', '-' and '@'.";
    }

    public static string? PasswordProblem(string password) => password switch
    {
        { Length: < MinPasswordLength } => $"A password has at least {MinPasswordLength} characters.",
        _ when string.IsNullOrWhiteSpace(password) => "A password must hold more than white space.",
        _ => null,
    };

    /// <summary>A string member, trimmed unless it is a password (whose spaces are part of it); empty counts as absent.</summary>
    private string? Text(JsonObject body, string name, bool required, bool trim = true)
    {
        var node = body[name];
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            return (trim ? value.GetValue<string>().Trim() : value.GetValue<string>()) is { Length: > 0 } text ? text : Missing(name, required);
        if (node is null)
            return Missing(name, required);
        Check(name, "Must be a string.");
        return null;
    }

    private string? Missing(string name, bool required)
    {
        if (required)
            Check(name, "A value is required.");
        return null;
    }

    private bool? Flag(JsonObject body, string name)
    {
        var node = body[name];
        if (node is null)
            return null;
        if (node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            return value.GetValue<bool>();
        Check(name, "Must be true or false.");
        return null;
    }

    private string? PasswordFrom(JsonObject body, bool required)
    {
        if (body["plainPassword"] is not JsonObject plain)
            return body.ContainsKey("plainPassword") ? Invalid("password", "plainPassword must be an object {password, confirm}.") : Text(body, "password", required, trim: false);
        var password = Text(plain, "password", required, trim: false);
        if (plain.ContainsKey("confirm") && Text(plain, "confirm", required: false, trim: false) != password)
            Check("password", "The password and its confirmation differ.");
        return password;
    }

    private string? Invalid(string name, string problem)
    {
        Check(name, problem);
        return null;
    }

    private void Check(string name, string? problem)
    {
        if (problem is null)
            return;
        if (!_problems.TryGetValue(name, out var list))
            _problems[name] = list = [];
        list.Add(problem);
    }
}
