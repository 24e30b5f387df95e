namespace Actors.Grains.Companies;

/// <summary>What a company grain stores: its field values by alias and its dates. Null DateAdded: no company.</summary>
internal sealed class CompanyState
{
    public DateTimeOffset? DateAdded { get; set; }
    public DateTimeOffset? DateModified { get; set; }
    public Dictionary<string, string?> Fields { get; set; } = [];

    /// <summary>Set when a delete began: the company is hidden and read-only until the delete empties it.</summary>
    public bool Going { get; set; }
}
