using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Catalogs;
using Actors.Grains.Storage.Contacts.Query;
using Actors.Interfaces.Segments;
using Microsoft.Extensions.Options;

namespace Actors.Api.Segments;

/// <summary>
/// /api/segments (Mautic's developer documentation, "Segments"): name (required), alias (made from the name when
/// absent), description, isPublished, isGlobal and filters, stored as given (at most Segments:MaxFilters of them). Deleting a segment first takes every
/// contact out of it, as Mautic's lead_lists_leads rows go with their list.
/// </summary>
public sealed class SegmentResource(ContactSweep sweep, IOptions<SegmentOptions> options) : CatalogResource<Segment>
{
    public const int MaxAliasLength = 191;

    public override string Path => "segments";
    public override string One => "list";
    public override string Many => "lists";

    public override string?[] SearchText(Segment entry) => [entry.Name, entry.Alias];

    public override JsonObject Write(Segment entry)
    {
        var json = EntryJson.Audited(entry.Id, entry.IsPublished, entry.DateAdded, entry.DateModified);
        json["name"] = entry.Name;
        json["alias"] = entry.Alias;
        json["description"] = entry.Description;
        json["filters"] = JsonNode.Parse(entry.Filters);
        json["isGlobal"] = entry.IsGlobal;
        return json;
    }

    public override Segment? Read(ResourceInput input, Segment? existing, bool partial, IReadOnlyList<Segment> others, DateTimeOffset now)
    {
        input.AllowOnly("name", "alias", "description", "isPublished", "isGlobal", "filters");
        var kept = partial ? existing : null;
        var name = input.Text("name", required: kept is null) ?? kept?.Name;
        var alias = input.Text("alias", maxLength: MaxAliasLength) is { } given ? Aliases.Clean(given, '-', MaxAliasLength) : null;
        if (input.Has("alias") && alias is "")
            input.Problem("alias", "An alias needs a letter or a digit.");
        else if (alias is not null && IsNumber(alias) && alias != existing?.Alias)
            input.Problem("alias", $"An alias needs a letter: segment:{alias} names the segment whose id is {alias}.");
        var description = input.Text("description", maxLength: ResourceInput.MaxTextLength);
        var isPublished = input.Flag("isPublished");
        var isGlobal = input.Flag("isGlobal");
        var filters = input.Array("filters", options.Value.MaxFilters);
        if (!input.IsValid || name is null)
            return null;
        alias ??= kept?.Alias ?? existing?.Alias ?? Aliases.Unique(MadeAlias(name),
            candidate => others.Any(o => string.Equals(o.Alias, candidate, StringComparison.OrdinalIgnoreCase)));
        return new Segment(existing?.Id ?? 0, name, alias,
            input.Has("description") ? description : kept?.Description,
            isPublished ?? kept?.IsPublished ?? true,
            isGlobal ?? kept?.IsGlobal ?? true,
            filters ?? kept?.Filters ?? "[]",
            existing?.DateAdded ?? now, existing is null ? null : now);
    }

    /// <summary>
    /// The alias made from a name: its letters and digits, "segment" when it has none, and "segment-" before one of
    /// digits alone (日本語2 makes 2), since segment:2 names the segment whose id is 2.
    /// </summary>
    private static string MadeAlias(string name) => Aliases.Clean(name, '-', MaxAliasLength) switch
    {
        "" => "segment",
        var digits when IsNumber(digits) => Aliases.Clean("segment-" + digits, '-', MaxAliasLength),
        var made => made,
    };

    private static bool IsNumber(string alias) => alias.All(char.IsAsciiDigit);

    public override Task BeforeRemoveAsync(Segment entry, CancellationToken cancellationToken)
        => sweep.ApplyAsync(new SetContains(ContactSet.Segments, entry.Id.ToString(CultureInfo.InvariantCulture), Exact: true),
            at => new() { At = at, LeaveSegments = [entry.Id] }, cancellationToken);
}
