namespace Actors.Grains.Storage.Contacts.Query;

/// <summary>
/// The commands of the contacts search (<c>is:anonymous</c>, <c>tag:vip</c>...), read by <see cref="SearchCommands"/>
/// before field aliases: a custom field with one of these aliases could never be searched as <c>alias:value</c>.
/// </summary>
public static class SearchCommandNames
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "is", "name", "email", "company", "stage", "owner", "ids", "tag", "ip", "segment",
    };
}
