using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Interfaces.Users;

namespace Actors.Api.Catalogs;

/// <summary>
/// The members every Mautic entity answers with: its id, published flag, audit dates and the users behind them, where an
/// entity keeps those (the others answer null).
/// </summary>
public static class EntryJson
{
    public static JsonObject Audited(long id, bool isPublished, DateTimeOffset? dateAdded, DateTimeOffset? dateModified,
        ActingUser? createdBy = null, ActingUser? modifiedBy = null) => new()
    {
        ["id"] = id,
        ["isPublished"] = isPublished,
        ["dateAdded"] = ContactJson.Date(dateAdded),
        ["createdBy"] = createdBy?.Id,
        ["createdByUser"] = createdBy?.Name,
        ["dateModified"] = ContactJson.Date(dateModified),
        ["modifiedBy"] = modifiedBy?.Id,
        ["modifiedByUser"] = modifiedBy?.Name,
    };
}
