using Actors.Grains.Persistence;
using Actors.Interfaces.Campaigns;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Campaigns;

internal sealed class CampaignCatalogState
{
    /// <summary>The last id ever handed out (0: none yet), so a deleted campaign's id is never reused.</summary>
    public long HighWater { get; set; }

    public List<Campaign> Campaigns { get; set; } = [];
}

/// <summary>Every campaign; membership is kept by the contacts, so deleting a campaign leaves them to skip it.</summary>
internal sealed class CampaignCatalogGrain(
    [PersistentState("campaigns")] IPersistentState<CampaignCatalogState> catalog) : Grain, ICampaignCatalogGrain
{
    private List<Campaign> Campaigns => catalog.State.Campaigns;

    public async Task<Campaign> Create(CampaignEdit edit)
    {
        var campaign = new Campaign(++catalog.State.HighWater, edit.Name, edit.Description, edit.IsPublished, edit.At, edit.At);
        Campaigns.Add(campaign);
        await catalog.WriteOrReloadAsync();
        return campaign;
    }

    public async Task<Campaign?> Update(long id, CampaignEdit edit)
    {
        var index = Campaigns.FindIndex(c => c.Id == id);
        if (index < 0)
            return null;
        Campaigns[index] = Campaigns[index] with { Name = edit.Name, Description = edit.Description, IsPublished = edit.IsPublished, DateModified = edit.At };
        await catalog.WriteOrReloadAsync();
        return Campaigns[index];
    }

    public async Task<Campaign?> Delete(long id)
    {
        var campaign = Campaigns.Find(c => c.Id == id);
        if (campaign is null)
            return null;
        Campaigns.Remove(campaign);
        await catalog.WriteOrReloadAsync();
        return campaign;
    }

    public Task<IReadOnlyList<Campaign>> List() => Task.FromResult<IReadOnlyList<Campaign>>(Campaigns.ToArray());
}
