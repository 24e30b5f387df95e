namespace Actors.Grains.Storage.Contacts.Query;

/// <summary>
/// The commands of the contacts search (<c>is:anonymous</c>, <c>tag:vip</c>...), read by <see cref="SearchCommands"/>
/// before field aliases: a custom field with one of these aliases could never be searched as <c>alias:value</c>.
/// </summary>
public static class SearchCommandNames
{
    /// <summary>Mautic's commands over records this service does not keep (emails, landing pages, SMS, web and mobile notifications, import log actions).</summary>
    public static readonly IReadOnlySet<string> Unsupported = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "email_sent", "email_read", "email_queued", "email_pending", "page_source", "page_source_id", "page_id", "import_action",
        "sms_sent", "web_sent", "mobile_sent",
    };

    public static readonly IReadOnlySet<string> All = new HashSet<string>(
        ["is", "name", "email", "company", "company_id", "stage", "owner", "ids", "tag", "ip", "segment", "common", "import_id", .. Unsupported],
        StringComparer.OrdinalIgnoreCase);
}
