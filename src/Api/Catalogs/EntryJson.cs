using System.Text.Json.Nodes;
using Actors.Api.Contacts;

namespace Actors.Api.Catalogs;

/// <summary>The members every Mautic entity answers with: its id, published flag and audit dates (no user audit is kept).</summary>
public static class EntryJson
{
    public static JsonObject Audited(long id, bool isPublished, DateTimeOffset? dateAdded, DateTimeOffset? dateModified) => new()
    {
        ["id"] = id,
        ["isPublished"] = isPublished,
        ["dateAdded"] = ContactJson.Date(dateAdded),
        ["createdBy"] = null,
        ["createdByUser"] = null,
        ["dateModified"] = ContactJson.Date(dateModified),
        ["modifiedBy"] = null,
        ["modifiedByUser"] = null,
    };
}
