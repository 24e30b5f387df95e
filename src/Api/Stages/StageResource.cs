using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Catalogs;
using Actors.Grains.Storage.Contacts.Query;
using Actors.Interfaces.Stages;

namespace Actors.Api.Stages;

/// <summary>
/// /api/stages: name (required), weight, description and isPublished. Contacts hold their stage's id; deleting a
/// stage first takes it off every contact in it, as Mautic's foreign key sets lead.stage_id to NULL.
/// </summary>
public sealed class StageResource(ContactSweep sweep) : CatalogResource<Stage>
{
    public override string Path => "stages";
    public override string One => "stage";
    public override string Many => "stages";
    public override string KeyMember => "name";

    public override string?[] SearchText(Stage entry) => [entry.Name];

    public override JsonObject Write(Stage entry)
    {
        var json = EntryJson.Audited(entry.Id, entry.IsPublished, entry.DateAdded, entry.DateModified);
        json["name"] = entry.Name;
        json["weight"] = entry.Weight;
        json["description"] = entry.Description;
        json["category"] = null;
        return json;
    }

    public override Stage? Read(ResourceInput input, Stage? existing, bool partial, IReadOnlyList<Stage> others, DateTimeOffset now)
    {
        input.AllowOnly("name", "weight", "description", "isPublished");
        var kept = partial ? existing : null;
        var name = input.Text("name", required: kept is null) ?? kept?.Name;
        var weight = input.Number("weight");
        var description = input.Text("description", maxLength: ResourceInput.MaxTextLength);
        var isPublished = input.Flag("isPublished");
        if (!input.IsValid || name is null)
            return null;
        return new Stage(existing?.Id ?? 0, name, weight ?? kept?.Weight ?? 0,
            input.Has("description") ? description : kept?.Description,
            isPublished ?? kept?.IsPublished ?? true,
            existing?.DateAdded ?? now, existing is null ? null : now);
    }

    public override Task BeforeRemoveAsync(Stage entry, CancellationToken cancellationToken)
    {
        var id = entry.Id.ToString(CultureInfo.InvariantCulture);
        return sweep.ApplyAsync(new Condition(ContactColumns.Column("stage")!, Comparison.Eq, [id]),
            at => new() { At = at, LeaveStage = id }, cancellationToken);
    }
}
