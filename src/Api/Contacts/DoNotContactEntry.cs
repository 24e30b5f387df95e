using Actors.Interfaces.Contacts;

namespace Actors.Api.Contacts;

/// <summary>The edge's rules for a do-not-contact entry: channel defaults to email, reason to 3 (manual) and must be 1-3.</summary>
public static class DoNotContactEntry
{
    public const string InvalidReason = "Invalid reason code given";

    public static (DoNotContact? Entry, string? Error) Create(string? channel, int? reason, string? comments, DateTimeOffset at)
    {
        var code = reason ?? (int)DoNotContactReason.Manual;
        if (!Enum.IsDefined((DoNotContactReason)code))
            return (null, InvalidReason);
        var name = string.IsNullOrWhiteSpace(channel) ? "email" : channel.Trim();
        return (new DoNotContact(name, (DoNotContactReason)code, comments, at), null);
    }
}
