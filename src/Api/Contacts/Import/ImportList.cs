using System.Text.Json.Nodes;
using Actors.Api.Errors;
using Actors.Api.Lists;
using Actors.Interfaces.Imports;
using Actors.Runtime;
using Actors.Runtime.Text;

namespace Actors.Api.Contacts.Import;

/// <summary>
/// GET /api/contacts/import: the imports as a Mautic entity list, with the parameters and errors of the others
/// (<see cref="ListParameters"/>: search in the file name and status, start, limit, orderBy, orderByDir) and a total
/// that counts every match. Without orderBy the newest import comes first, as the directory keeps them; ties are
/// broken by the order the imports were made in.
/// </summary>
public static class ImportList
{
    private static readonly Dictionary<string, Func<Made, IComparable?>> Orderings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = i => i.Import.Id,
        ["status"] = i => ImportJson.StatusName(i.Import.State),
        ["originalFile"] = i => LowerCase.Of(i.Import.Spec.FileName),
        ["lineCount"] = i => i.Import.Spec.LineCount,
        ["insertedCount"] = i => i.Import.Inserted,
        ["updatedCount"] = i => i.Import.Updated,
        ["ignoredCount"] = i => i.Import.Ignored,
        ["dateAdded"] = i => i.Import.Spec.CreatedAt,
        ["dateStarted"] = i => i.Import.StartedAt,
        ["dateEnded"] = i => i.Import.EndedAt,
    };

    public static async Task<IResult> ListAsync(HttpRequest request, IGrainFactory grains)
    {
        Made[] matching, page;
        try
        {
            var list = ListParameters.Read(request);
            var terms = SearchTerms.Parse(list.Search);
            var ids = await grains.GetGrain<IImportDirectoryGrain>(IImportDirectoryGrain.Key).List();
            var statuses = await Task.WhenAll(ids.Select(id => grains.GetGrain<IImportJobGrain>(id).Status()));
            matching = statuses
                .Select((status, newest) => status is null ? null : new Made(ids.Count - newest, status))
                .OfType<Made>()
                .Where(i => SearchTerms.AllIn(terms, i.Import.Spec.FileName, ImportJson.StatusName(i.Import.State)))
                .ToArray();
            page = (list.OrderBy is null ? list.Page(matching) : list.Page(matching, "import", Orderings, "id", i => i.Order)).ToArray();
        }
        catch (FormatException bad)
        {
            return ApiErrors.BadRequest(bad.Message);
        }
        return Results.Json(new JsonObject
        {
            ["total"] = matching.Length,
            ["imports"] = new JsonArray(page.Select(i => (JsonNode)ImportJson.Write(i.Import)).ToArray()),
        });
    }

    /// <summary>An import with its place in the order the imports were made (1 for the first), which breaks ties.</summary>
    private sealed record Made(long Order, ImportStatus Import);
}
