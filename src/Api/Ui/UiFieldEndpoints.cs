using System.Text.Json.Nodes;
using Actors.Api.Errors;
using Actors.Api.Contacts;
using Actors.Api.Fields;
using Actors.Grains.Fields;
using Actors.Interfaces.Identity;
using Actors.Runtime;
using Actors.Grains.Errors;
using Microsoft.Extensions.Options;

namespace Actors.Api.Ui;

/// <summary>
/// What the contact forms need from the field catalog grain: the published fields with their group (a tab each),
/// which are unique identifiers, which the quick add form shows, and their properties (a select's options, a boolean's
/// labels); and who owns a unique value already, so the new contact form reports a duplicate next to its field instead of letting the create endpoint upsert into the owner.
/// </summary>
internal static class UiFieldEndpoints
{
    /// <summary>Mautic's default short-form fields (is_short_visible); every unique identifier is shown as well.</summary>
    private static readonly HashSet<string> ShortFormFields = new(["firstname", "lastname", "email", "company"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Fields the forms do not edit: points change through their own endpoints, last_active by tracking.</summary>
    private static readonly HashSet<string> NotEditable = new(["points", "last_active"], StringComparer.OrdinalIgnoreCase);

    public static RouteGroupBuilder MapUiFields(this RouteGroupBuilder ui)
    {
        ui.MapGet("/fields", async (FieldCatalogCache catalog) =>
        {
            var fields = (await catalog.GetAsync()).Fields.Where(f => f.IsPublished && !NotEditable.Contains(f.Alias));
            return Results.Json(new JsonObject
            {
                ["fields"] = new JsonArray(fields.Select(f => (JsonNode)new JsonObject
                {
                    ["alias"] = f.Alias,
                    ["label"] = f.Label,
                    ["type"] = f.Type,
                    ["group"] = f.Group,
                    ["isUniqueIdentifier"] = f.IsUniqueIdentifier,
                    ["isShortVisible"] = f.IsUniqueIdentifier || ShortFormFields.Contains(f.Alias),
                    ["defaultValue"] = f.DefaultValue,
                    // A select's options and a boolean's labels, for the control that edits the field.
                    ["properties"] = JsonNode.Parse(f.Properties),
                }).ToArray()),
            });
        });
        ui.MapGet("/identifiers/{alias}", async (string alias, string? value, FieldCatalogCache catalog, IOptions<ContactOptions> options, IGrainFactory grains) =>
        {
            var fields = await catalog.GetAsync();
            if (!fields.UniqueAliases.Contains(alias, StringComparer.OrdinalIgnoreCase) || fields.Find(alias) is not { } field)
                return ApiErrors.BadRequest($"'{EchoedInput.Cap(alias)}' is not a unique identifier field.");
            if (string.IsNullOrWhiteSpace(value))
                return ApiErrors.BadRequest("value is required.");
            // The key a write claims: the value in its field's stored form (42.0 is 42), then as the index keys it.
            var (stored, problem) = FieldValueRules.Check(field, value, options.Value.FieldLimits);
            if (problem is not null)
                return ApiErrors.BadRequest($"{field.Alias}: {problem}", new JsonObject { [field.Alias] = new JsonArray(problem) });
            var owner = await grains.GetGrain<IIdentifierIndexGrain>(UniqueIdentifier.Normalize(field.Alias, stored!)).Owner();
            return Results.Json(new JsonObject { ["owner"] = owner });
        });
        return ui;
    }
}
