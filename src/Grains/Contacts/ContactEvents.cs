using System.Text.Encodings.Web;
using System.Text.Json;
using Actors.Interfaces.Contacts;

namespace Actors.Grains.Contacts;

/// <summary>
/// Collects the timeline entries one change of a contact produces. It notes, before the change, whether
/// the contact existed and was identified, so that <see cref="Close"/> can add lead.create and
/// lead.identified exactly when the change brought the contact into being or identified it.
/// </summary>
internal sealed class ContactEvents(long contactId, DateTimeOffset at, ContactState before)
{
    private readonly bool _existed = before.DateAdded is not null;
    private readonly bool _wasIdentified = before.DateIdentified is not null;
    private readonly List<TimelineEvent> _entries = [];

    /// <summary>When the change is made.</summary>
    public DateTimeOffset At => at;

    /// <summary>Entries added so far, lead.create and lead.identified not counted.</summary>
    public int Count => _entries.Count;

    public void Add(string type, params (string Key, string? Value)[] details)
        => _entries.Add(new TimelineEvent(contactId, type, at, details.ToDictionary(d => d.Key, d => d.Value)));

    /// <summary>The entries, with lead.create and lead.identified first when the change caused them.</summary>
    public IReadOnlyList<TimelineEvent> Close(ContactState after)
    {
        var lifecycle = new List<TimelineEvent>(2);
        if (!_existed && after.DateAdded is not null)
            lifecycle.Add(new TimelineEvent(contactId, "lead.create", at, new Dictionary<string, string?>()));
        if (!_wasIdentified && after.DateIdentified is not null)
            lifecycle.Add(new TimelineEvent(contactId, "lead.identified", at, new Dictionary<string, string?> { ["email"] = after.Fields.GetValueOrDefault("email") }));
        return [.. lifecycle, .. _entries];
    }

    /// <summary>
    /// Letters and signs written as themselves, not as \u escapes: the text is a detail's value, which a timeline
    /// search reads as text (ärger must find ärger), and which is escaped again wherever it is written into JSON or HTML.
    /// </summary>
    static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Json(IReadOnlyDictionary<string, string> values) => JsonSerializer.Serialize(values, Readable);
}
