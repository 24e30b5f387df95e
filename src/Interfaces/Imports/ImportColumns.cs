namespace Actors.Interfaces.Imports;

/// <summary>Import targets that are not contact fields (MAUTIC-SPEC 4.1 special fields).</summary>
public static class ImportColumns
{
    /// <summary>The contact to update (merged-away ids lead to their winner).</summary>
    public const string Id = "id";

    /// <summary>Tags, separated by '|'.</summary>
    public const string Tags = "tags";

    /// <summary>The stage, by name.</summary>
    public const string Stage = "stage";

    /// <summary>The owner, by user id.</summary>
    public const string Owner = "owner";

    /// <summary>A boolean: true adds a manual email do-not-contact entry, false removes it.</summary>
    public const string DoNotEmail = "doNotEmail";

    /// <summary>An IP address the contact was seen at.</summary>
    public const string IpAddress = "ipAddress";

    public static readonly IReadOnlyList<string> All = [Id, Tags, Stage, Owner, DoNotEmail, IpAddress];

    /// <summary>The special target <paramref name="name"/> names, in its canonical spelling, or null.</summary>
    public static string? Find(string name) => All.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));
}
