using System.Text.Json;
using Actors.Grains.Storage.Contacts;

namespace Actors.Grains.Contacts;

/// <summary>The contacts table's query columns, taken from the contact's state on every write.</summary>
internal sealed class ContactStateProjection : IContactRowProjection
{
    public ContactRow Project(object state)
    {
        var contact = (ContactState)state;
        string? Field(string alias) => contact.Fields.GetValueOrDefault(alias);
        return new ContactRow
        {
            Email = Field("email"),
            FirstName = Field("firstname"),
            LastName = Field("lastname"),
            Company = Field("company"),
            City = Field("city"),
            Country = Field("country"),
            Points = contact.Points,
            OwnerId = contact.OwnerId,
            Stage = contact.Stage,
            IsAnonymous = contact.DateIdentified is null,
            MergedInto = contact.MergedInto,
            PendingMerge = contact.PendingMerge?.LoserId,
            DateAdded = contact.DateAdded,
            DateModified = contact.DateModified,
            DateIdentified = contact.DateIdentified,
            LastActive = contact.LastActive,
            FieldsJson = JsonSerializer.Serialize(contact.Fields),
        };
    }
}
