using Actors.Grains.Companies;
using Actors.Grains.Contacts;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Grains.Fields;
using Actors.Grains.Imports;
using Actors.Interfaces.Companies;
using Actors.Grains.Errors;
using Actors.Interfaces.Text;

namespace Actors.Api.Companies;

/// <summary>
/// A company body of the write endpoints: company field aliases and their values, checked at the edge. Blank values
/// are dropped, except that a full replacement (PUT) clears the field; unknown aliases, nested values, over-long
/// values, control characters, invalid emails, non-numbers (NaN and infinities too) in number fields and anything but
/// an http(s) address in url fields (as a contact's url field, <see cref="WebAddress"/>) are refused with the field named.
/// </summary>
public static class CompanyPayload
{
    public static (IReadOnlyDictionary<string, string?>? Fields, string? Error, JsonObject? Details) Read(JsonNode? body, int maxLength, bool clearBlanks)
    {
        if (body is not JsonObject values)
            return Fail("The request body must be a JSON object of company fields.");
        var unknown = values.Select(v => v.Key).Where(k => CompanyFields.Find(k) is null).ToArray();
        if (unknown.Length > 0)
            return Fail("Unknown company fields: " + EchoedInput.List(unknown) + ".", new JsonObject { ["fields"] = new JsonArray(EchoedInput.Names(unknown).Select(u => (JsonNode)u).ToArray()) });
        var fields = new Dictionary<string, string?>();
        foreach (var (key, node) in values)
        {
            var field = CompanyFields.Find(key)!;
            if (node is JsonObject or JsonArray)
                return FieldError(field.Alias, "must be a single value.");
            var value = node is null ? null : node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>().Trim() : node.ToJsonString();
            if (string.IsNullOrEmpty(value))
            {
                if (clearBlanks)
                    fields[field.Alias] = null;
                continue;
            }
            if (FieldValueLimits.Exceeds(value, maxLength))
                return FieldError(field.Alias, $"is longer than {maxLength} characters.");
            if (field.Type == "email" && !EmailAddress.LooksValid(value))
                return FieldError(field.Alias, EmailAddress.Invalid);
            if (CompanyFields.Problem(field, value) is { } problem)
                return FieldError(field.Alias, problem);
            fields[field.Alias] = CompanyFields.Stored(field, value);
        }
        return (fields, null, null);
    }

    /// <summary>The 400 of a write that would leave the company without a name.</summary>
    public static (string Message, JsonObject Details) NameRequired()
        => ($"{CompanyNames.Alias}: A value is required.", new JsonObject { [CompanyNames.Alias] = new JsonArray("A value is required.") });

    private static (IReadOnlyDictionary<string, string?>?, string?, JsonObject?) Fail(string message, JsonObject? details = null) => (null, message, details);

    private static (IReadOnlyDictionary<string, string?>?, string?, JsonObject?) FieldError(string alias, string problem)
        => Fail($"{alias}: {problem}", new JsonObject { [alias] = new JsonArray(problem) });
}
