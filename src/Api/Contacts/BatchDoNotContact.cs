using System.Text.Json.Nodes;
using Actors.Api.Json;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Text;

namespace Actors.Api.Contacts;

/// <summary>
/// The "Do not contact" batch action's body, <c>{"channel": "email", "reason": "asked by phone"}</c>, read as Mautic's
/// batch dialog sends it: <c>reason</c> is the comment text and the entry's reason is always 3 (manual). Both members
/// are optional (email, no comment); a channel is a channel name such as email, sms or mobile_notification.
/// </summary>
public static class BatchDoNotContact
{
    public const int MaxReasonLength = 1000;

    public const string InvalidReason = "reason: must be the text of the comment, at most 1000 characters "
        + "(a batch entry's reason is always 3, manual).";

    public static (ContactEdit? Edit, string? Error) Read(JsonObject body, DateTimeOffset at)
    {
        // A string is required, not any JSON: an array or number would otherwise be stored as its JSON text.
        if (!JsonText.TryString(body["channel"], out var channel) || (channel is not null && !DoNotContactEntry.IsChannelName(channel)))
            return (null, DoNotContactEntry.InvalidChannel);
        if (!JsonText.TryString(body["reason"], out var comment) || comment?.Length > MaxReasonLength)
            return (null, InvalidReason);
        if (comment is not null && !XmlText.IsValid(comment))
            return (null, $"reason: {XmlText.Problem}");
        var entry = new DoNotContact(channel ?? "email", DoNotContactReason.Manual, comment, at);
        return (new ContactEdit { At = at, DoNotContact = [entry] }, null);
    }
}
