using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Api.Errors;
using Actors.Grains.Errors;
using Actors.Grains.Fields;
using Actors.Interfaces.Text;

namespace Actors.Api.Catalogs;

/// <summary>
/// A resource body (segment, stage, tag, category, field) checked member by member at the edge. Each reader takes
/// a member's name and answers its value or null, noting a problem for a wrong type, an over-long text or a missing
/// required member; <see cref="Reject"/> answers every problem at once in Mautic's validation error ("field: message,
/// ..." with the messages per field in details), and members the resource does not know are problems too.
/// </summary>
public sealed class ResourceInput(JsonObject body)
{
    /// <summary>The longest name, title, label or alias, as Mautic's varchar(191) columns hold.</summary>
    public const int MaxNameLength = 191;

    /// <summary>The longest description or default value.</summary>
    public const int MaxTextLength = 65535;

    /// <summary>
    /// How many arrays and objects deep a member stored whole (a field's properties, a segment's filters) may nest,
    /// itself included. Every answer that shows the member embeds it several levels down (the contact list holds a
    /// field's properties inside six objects), and System.Text.Json refuses to write past 64 levels: deeper members were
    /// stored and then made those answers fail. Mautic's own are shallow: properties {"list":[{"label","value"}]} is 3
    /// levels, filters [{..., "properties":{"filter":[...]}}] 4.
    /// </summary>
    public const int MaxNesting = 8;

    private readonly FieldProblems _problems = new();

    public bool IsValid => !_problems.Any;

    /// <summary>The request's body as input, or the error to answer: 413 when too long, 400 when not a JSON object.</summary>
    public static async Task<(ResourceInput? Input, IResult? Error)> ReadAsync(HttpRequest request, ContactWriteContext bodies)
    {
        var (json, malformed) = await bodies.ReadJsonAsync(request, allowEmpty: false);
        if (malformed is not null)
            return (null, malformed);
        return json is JsonObject members
            ? (new ResourceInput(members), null)
            : (null, ApiErrors.BadRequest("The request body must be a JSON object."));
    }

    public bool Has(string name) => body.ContainsKey(name);

    /// <summary>Notes the members not in <paramref name="known"/>, each by its name as far as an error lists names (<see cref="EchoedInput"/>).</summary>
    public void AllowOnly(params string[] known)
    {
        var unknown = body.Select(m => m.Key).Where(name => !known.Contains(name, StringComparer.Ordinal)).ToArray();
        foreach (var name in EchoedInput.Names(unknown))
            Problem(name, "This is not a member of this resource.");
        if (EchoedInput.Rest(unknown.Length) is { } rest)
            Problem(rest, "Not members of this resource either.");
    }

    /// <summary>
    /// A text member, trimmed; numbers are taken as their text. Empty counts as absent. It holds no control character
    /// but tab and line breaks, as a contact's value may not: names and labels show in every answer and export.
    /// </summary>
    public string? Text(string name, bool required = false, int maxLength = MaxNameLength)
    {
        string? text;
        switch (body[name])
        {
            case null:
                text = null;
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                text = value.GetValue<string>().Trim();
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                text = value.ToJsonString();
                break;
            default:
                return Invalid(name, "Must be a string.");
        }
        if (string.IsNullOrEmpty(text))
        {
            if (required)
                Problem(name, "A value is required.");
            return null;
        }
        if (text.Length > maxLength)
            return Invalid(name, $"At most {maxLength} characters.");
        if (!XmlText.IsValid(text))
        {
            ValueProblem(name, XmlText.Problem);
            return null;
        }
        return text;
    }

    /// <summary>
    /// A member given as an array of texts (numbers taken as their text); null, and no problem, when it is no array,
    /// so that it can be read as a single value instead. An array holding anything else is a problem, answered empty.
    /// </summary>
    public IReadOnlyList<string>? Values(string name)
    {
        if (body[name] is not JsonArray items)
            return null;
        if (items.All(item => item is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number))
            return items.Select(item => ContactPayload.Text(item!)).ToArray();
        Problem(name, "Must be a value or a list of values.");
        return [];
    }

    /// <summary>A flag: true/false, 1/0 or their strings, as Mautic's isPublished takes them.</summary>
    public bool? Flag(string name)
    {
        var node = body[name];
        if (node is null)
            return null;
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Number or JsonValueKind.String:
                    var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>().Trim().ToLowerInvariant() : value.ToJsonString();
                    if (text is "1" or "true" or "yes" or "on") return true;
                    if (text is "0" or "false" or "no" or "off") return false;
                    break;
            }
        }
        Problem(name, "Must be true or false.");
        return null;
    }

    /// <summary>A whole number (a JSON number or its string).</summary>
    public int? Number(string name)
    {
        var node = body[name];
        if (node is null)
            return null;
        if (node is JsonValue value && value.GetValueKind() is JsonValueKind.Number or JsonValueKind.String
            && int.TryParse(value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>().Trim() : value.ToJsonString(),
                NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            return number;
        Problem(name, "Must be a whole number.");
        return null;
    }

    /// <summary>A member that must be a JSON array of at most <paramref name="maxItems"/> items, answered as its JSON text.</summary>
    public string? Array(string name, int maxItems)
    {
        var node = body[name];
        if (node is null)
            return null;
        if (node is not JsonArray array)
            return Invalid(name, "Must be an array.");
        if (array.Count > maxItems)
            return Invalid(name, $"At most {maxItems} entries; these are {array.Count}.");
        return NestsDeeper(array, MaxNesting) ? Invalid(name, TooDeep) : array.ToJsonString();
    }

    /// <summary>A member that must be a JSON object (an empty PHP array, [], counts as one).</summary>
    public JsonObject? Object(string name)
    {
        var node = body[name];
        if (node is null)
            return null;
        if (node is JsonObject value)
        {
            if (!NestsDeeper(value, MaxNesting))
                return value;
            Invalid(name, TooDeep);
            return null;
        }
        if (node is JsonArray { Count: 0 })
            return new JsonObject();
        Invalid(name, "Must be an object.");
        return null;
    }

    /// <summary>Notes a problem worded to follow a value's name ("is longer than …", as the value rules word theirs) as a sentence of its own.</summary>
    public void ValueProblem(string name, string problem) => Problem(name, char.ToUpperInvariant(problem[0]) + problem[1..]);

    public void Problem(string name, string message) => _problems.Add(name, message);

    /// <summary>The 400 (or <paramref name="status"/>) naming every problem noted.</summary>
    public IResult Reject(int status = StatusCodes.Status400BadRequest) => _problems.Result(status);

    /// <summary>Mautic's validation error: "field: message, ..." and the messages per field in details.</summary>
    public static IResult Invalid(int status, IReadOnlyDictionary<string, List<string>> problems)
    {
        var noted = new FieldProblems();
        foreach (var (field, messages) in problems)
            messages.ForEach(message => noted.Add(field, message));
        return noted.Result(status);
    }

    /// <summary>The 422 of a unique member another entry holds.</summary>
    public static IResult Taken(string name) => Invalid(StatusCodes.Status422UnprocessableEntity, new Dictionary<string, List<string>> { [name] = ["This value is already used."] });

    private static string TooDeep => $"At most {MaxNesting} levels of arrays and objects.";

    /// <summary>Whether <paramref name="node"/> holds more than <paramref name="levels"/> arrays and objects one inside another.</summary>
    private static bool NestsDeeper(JsonNode? node, int levels) => node switch
    {
        JsonObject members => levels == 0 || members.Any(m => NestsDeeper(m.Value, levels - 1)),
        JsonArray items => levels == 0 || items.Any(i => NestsDeeper(i, levels - 1)),
        _ => false,
    };

    private string? Invalid(string name, string message)
    {
        Problem(name, message);
        return null;
    }
}
