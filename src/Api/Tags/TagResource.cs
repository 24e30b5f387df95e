using System.Text.Json.Nodes;
using Actors.Api.Catalogs;
using Actors.Grains.Storage.Contacts.Query;
using Actors.Interfaces.Catalogs;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Tags;
using Actors.Runtime;

namespace Actors.Api.Tags;

/// <summary>
/// /api/tags: tag (required) and description. Contacts hold tags by name, and a tag given to a contact (by the API or
/// by tracking) exists from then on, as Mautic creates tags on first use: the list gives such tags their ids. Tags are
/// told apart as <see cref="Tag.NameComparer"/> says, ignoring case as Mautic's collation does. Renaming a tag renames it on its contacts and deleting it
/// takes it off them, as Mautic's lead_tags_xref rows follow their tag.
/// A rename is stored first with the name it leaves (<see cref="Tag.FormerName"/>), then swept through the contacts,
/// then the former name is let go: a rename cut short by a crash leaves the tag holding both names, listed once, and
/// the next edit of the tag (repeating the rename) sweeps again before anything else.
/// </summary>
public sealed class TagResource(ContactSweep sweep, IServiceProvider services) : CatalogResource<Tag>
{
    public override string Path => "tags";
    public override string One => "tag";
    public override string Many => "tags";
    public override string KeyMember => "tag";

    public override string?[] SearchText(Tag entry) => [entry.Name];

    public override JsonObject Write(Tag entry) => new()
    {
        ["id"] = entry.Id,
        ["tag"] = entry.Name,
        ["description"] = entry.Description,
    };

    public override Tag? Read(ResourceInput input, Tag? existing, bool partial, IReadOnlyList<Tag> others, DateTimeOffset now)
    {
        input.AllowOnly("tag", "description");
        var kept = partial ? existing : null;
        var name = input.Text("tag", required: kept is null, maxLength: Tag.MaxNameLength) ?? kept?.Name;
        var description = input.Text("description", maxLength: ResourceInput.MaxTextLength);
        if (name is not null && Tag.NameProblem(name) is { } problem)
            input.Problem("tag", problem);
        if (!input.IsValid || name is null)
            return null;
        var formerName = existing is not null && name != existing.Name ? existing.Name : existing?.FormerName;
        return new Tag(existing?.Id ?? 0, name, input.Has("description") ? description : kept?.Description, formerName);
    }

    public override async Task<IReadOnlyList<Tag>> ListAsync(IEntityCatalogGrain<Tag> catalog, CancellationToken cancellationToken)
    {
        var known = await catalog.List();
        var names = known.SelectMany(t => t.HeldKeys).ToHashSet(Tag.NameComparer);
        var unnamed = (await UsedTagsAsync(cancellationToken)).Where(names.Add).Select(name => new Tag(0, name, null)).ToArray();
        return unnamed.Length == 0 ? known : [.. known, .. await catalog.Ensure(unnamed)];
    }

    public override async Task BeforeRemoveAsync(Tag entry, CancellationToken cancellationToken)
    {
        foreach (var name in entry.HeldKeys)
            await sweep.ApplyAsync(TagHolders.Candidates(name), contact => TagHolders.Holds(contact, name),
                at => new() { At = at, RemoveTags = [name] }, cancellationToken);
    }

    public override async Task<Tag> FinishAsync(Tag entry, CancellationToken cancellationToken)
    {
        if (entry.FormerName is not { } former)
            return entry;
        // Only a contact still holding the former name gets the new one: a delete of the tag that swept it meanwhile
        // must not see the rename put it back.
        await sweep.ApplyAsync(TagHolders.Candidates(former), contact => TagHolders.Holds(contact, former),
            at => new() { At = at, RenameTag = new TagRename(former, entry.Name) }, cancellationToken);
        var finished = await CatalogEndpoints.Catalog<Tag>(services.GetRequiredService<IGrainFactory>()).ReplaceIf(entry, entry with { FormerName = null });
        return finished.Entry ?? entry;
    }

    private async Task<IReadOnlyList<string>> UsedTagsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await services.GetRequiredService<ContactListReader>().ReadTagsAsync(cancellationToken);
        }
        catch (NotSupportedException)
        {
            return [];
        }
    }
}
