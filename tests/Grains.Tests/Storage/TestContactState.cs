using System.Text.Json.Serialization;
using Actors.Grains.Storage.Contacts;
using Actors.Interfaces.Contacts;

namespace Actors.Grains.Tests.Storage;

/// <summary>A contact state shaped like the real one will be: fields by alias, tags, timestamps, a merge pointer.</summary>
public sealed class TestContactState : ITimelineOutbox
{
    [JsonIgnore]
    public List<TimelineEvent> PendingTimeline { get; } = [];

    public Dictionary<string, string?> Fields { get; set; } = [];

    public List<string> Tags { get; set; } = [];

    public int Points { get; set; }

    public long? OwnerId { get; set; }

    public long? MergedInto { get; set; }

    public DateTimeOffset? DateAdded { get; set; }

    public DateTimeOffset? LastActive { get; set; }

    public DateTimeOffset? DateIdentified { get; set; }

    public static TestContactState Sample(string email) => new()
    {
        // The NUL character is there on purpose: PostgreSQL text refuses it, the payload must keep it.
        Fields = { ["email"] = email, ["firstname"] = "Zoë\u0000", ["lastname"] = "Ng", ["city"] = "Lisbon", ["shoe_size"] = "44" },
        Tags = ["vip", "é✓"],
        Points = 42,
        OwnerId = 7,
        DateAdded = new DateTimeOffset(2026, 11, 22, 10, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4567),
        LastActive = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
    };
}

public sealed class TestContactProjection : IContactRowProjection
{
    public ContactRow Project(object state)
    {
        var contact = (TestContactState)state;
        return new ContactRow
        {
            Email = contact.Fields.GetValueOrDefault("email"),
            FirstName = contact.Fields.GetValueOrDefault("firstname"),
            LastName = contact.Fields.GetValueOrDefault("lastname"),
            City = contact.Fields.GetValueOrDefault("city"),
            Points = contact.Points,
            OwnerId = contact.OwnerId,
            IsAnonymous = contact.DateIdentified is null,
            MergedInto = contact.MergedInto,
            DateAdded = contact.DateAdded,
            LastActive = contact.LastActive,
            DateIdentified = contact.DateIdentified,
            FieldsJson = System.Text.Json.JsonSerializer.Serialize(contact.Fields),
        };
    }
}
