using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Interfaces.Campaigns;

namespace Actors.Api.Campaigns;

/// <summary>A campaign in Mautic's shape; without a campaign engine its events, forms and lists are empty.</summary>
public static class CampaignJson
{
    public static JsonObject Write(Campaign campaign) => new()
    {
        ["id"] = campaign.Id,
        ["name"] = campaign.Name,
        ["category"] = null,
        ["description"] = campaign.Description,
        ["isPublished"] = campaign.IsPublished,
        ["publishUp"] = null,
        ["publishDown"] = null,
        ["dateAdded"] = ContactJson.Date(campaign.DateAdded),
        ["createdBy"] = null,
        ["createdByUser"] = null,
        ["dateModified"] = ContactJson.Date(campaign.DateModified),
        ["modifiedBy"] = null,
        ["modifiedByUser"] = null,
        ["events"] = new JsonArray(),
        ["forms"] = new JsonArray(),
        ["lists"] = new JsonArray(),
        ["canvasSettings"] = null,
    };
}
