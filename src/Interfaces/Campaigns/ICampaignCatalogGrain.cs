using Actors.Runtime;
using Actors.Runtime.Concurrency;

namespace Actors.Interfaces.Campaigns;

/// <summary>
/// Every campaign, in one grain keyed <see cref="Key"/>: campaigns are few (Mautic installations hold tens or
/// hundreds), and one activation makes ids and name checks trivially consistent. Membership lives with the
/// contacts; there is no campaign engine.
/// </summary>
public interface ICampaignCatalogGrain : IGrainWithStringKey
{
    public const string Key = "campaigns";

    Task<Campaign> Create(CampaignEdit edit);

    /// <summary>Replaces the campaign's name, description and published flag; null when there is no such campaign.</summary>
    Task<Campaign?> Update(long id, CampaignEdit edit);

    /// <summary>Removes the campaign; answers it, or null when there was none.</summary>
    Task<Campaign?> Delete(long id);

    [ReadOnly]
    Task<IReadOnlyList<Campaign>> List();
}

public sealed record CampaignEdit(DateTimeOffset At, string Name, string? Description, bool IsPublished);

public sealed record Campaign(long Id, string Name, string? Description, bool IsPublished, DateTimeOffset DateAdded, DateTimeOffset DateModified);
