using System.Text.Json.Nodes;
using Actors.Api.Catalogs;
using Actors.Interfaces.Categories;

namespace Actors.Api.Categories;

/// <summary>
/// /api/categories: title (required), alias (made from the title when absent, unique within its bundle), description,
/// bundle (default "global"), color (six hex digits, with or without "#") and isPublished.
/// </summary>
public sealed class CategoryResource : CatalogResource<Category>
{
    public const int MaxAliasLength = 191;
    public const int MaxBundleLength = 50;
    public const string DefaultBundle = "global";

    public override string Path => "categories";
    public override string One => "category";
    public override string Many => "categories";

    public override string?[] SearchText(Category entry) => [entry.Title, entry.Alias, entry.Bundle];

    public override JsonObject Write(Category entry)
    {
        var json = EntryJson.Audited(entry.Id, entry.IsPublished, entry.DateAdded, entry.DateModified);
        json["title"] = entry.Title;
        json["alias"] = entry.Alias;
        json["description"] = entry.Description;
        json["color"] = entry.Color;
        json["bundle"] = entry.Bundle;
        return json;
    }

    public override Category? Read(ResourceInput input, Category? existing, bool partial, IReadOnlyList<Category> others, DateTimeOffset now)
    {
        input.AllowOnly("title", "alias", "description", "bundle", "color", "isPublished");
        var kept = partial ? existing : null;
        var title = input.Text("title", required: kept is null) ?? kept?.Title;
        var alias = input.Text("alias", maxLength: MaxAliasLength) is { } given ? Aliases.Clean(given, '-', MaxAliasLength) : null;
        if (input.Has("alias") && alias is "")
            input.Problem("alias", "An alias needs a letter or a digit.");
        var bundle = input.Text("bundle", maxLength: MaxBundleLength) ?? kept?.Bundle ?? existing?.Bundle ?? DefaultBundle;
        if (!bundle.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':'))
            input.Problem("bundle", "A bundle is a name such as global, email or page.");
        var color = input.Text("color", maxLength: 7)?.TrimStart('#');
        if (color is not null && (color.Length != 6 || !color.All(char.IsAsciiHexDigit)))
            input.Problem("color", "A color is six hexadecimal digits, such as 4e5d9d.");
        var description = input.Text("description", maxLength: ResourceInput.MaxTextLength);
        var isPublished = input.Flag("isPublished");
        if (!input.IsValid || title is null)
            return null;
        alias ??= kept?.Alias ?? existing?.Alias ?? Aliases.Unique(Aliases.Clean(title, '-', MaxAliasLength) is { Length: > 0 } made ? made : "category",
            candidate => others.Any(o => o.Bundle == bundle && string.Equals(o.Alias, candidate, StringComparison.OrdinalIgnoreCase)));
        return new Category(existing?.Id ?? 0, title, alias,
            input.Has("description") ? description : kept?.Description,
            bundle,
            input.Has("color") ? color?.ToLowerInvariant() : kept?.Color,
            isPublished ?? kept?.IsPublished ?? true,
            existing?.DateAdded ?? now, existing is null ? null : now);
    }
}
