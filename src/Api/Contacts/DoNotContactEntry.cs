using System.Text.RegularExpressions;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Text;

namespace Actors.Api.Contacts;

/// <summary>
/// The edge's rules for a do-not-contact entry: channel defaults to email and must be a channel name, reason defaults to
/// 3 (manual) and must be a code from 1 to 32767 (<see cref="DoNotContact.IsReason"/>): Mautic names 1 unsubscribed,
/// 2 bounced and 3 manual, but its API checks only that the code is not 0, so a client's own codes are kept. Every path that names a channel (the contact's dnc add and remove actions, a contact
/// body's <c>doNotContact</c>, the batch dnc and channels actions) checks it here, so no path stores what another refuses.
/// A channel name is lower case, as every channel Mautic registers is named (email, sms, notification): Mautic compares
/// names case-sensitively in PHP but its MySQL columns match them ignoring case, so <c>EMAIL</c> would be a channel of
/// its own to one check and the email channel to another. It is refused instead of guessed at.
/// </summary>
public static partial class DoNotContactEntry
{
    public const string InvalidReason = "Invalid reason code given";

    /// <summary>The details Mautic's dnc add action gives with <see cref="InvalidReason"/>.</summary>
    public const string ReasonRule = "Reason code needs to be an integer and higher than 0.";

    /// <summary>The details of a code past the highest (where Mautic's SMALLINT column would fail the write).</summary>
    public static readonly string ReasonCeiling = $"Reason code needs to be at most {DoNotContact.MaxReason}.";

    /// <summary>The details of <see cref="InvalidReason"/> for <paramref name="reason"/>, or null when it is a reason.</summary>
    public static string? ReasonProblem(int reason)
        => DoNotContact.IsReason(reason) ? null : reason > DoNotContact.MaxReason ? ReasonCeiling : ReasonRule;

    public const string InvalidChannel = "channel: must be a channel name (lower-case letters, digits, _, - or ., starting with a letter, "
        + "at most 64 characters) such as email or sms; channel names are case-sensitive.";

    // A NUL would break every PostgreSQL query reading the contacts' payload as jsonb, and any control character the xlsx export.
    public const string InvalidComments = $"comments: {XmlText.Problem}";

    public static (DoNotContact? Entry, string? Error) Create(string? channel, int? reason, string? comments, DateTimeOffset at)
    {
        var code = reason ?? (int)DoNotContactReason.Manual;
        if (ReasonProblem(code) is not null)
            return (null, InvalidReason);
        if (ChannelOrEmail(channel) is not { } name)
            return (null, InvalidChannel);
        if (comments is not null && !XmlText.IsValid(comments))
            return (null, InvalidComments);
        return (new DoNotContact(name, (DoNotContactReason)code, comments, at), null);
    }

    /// <summary>The channel a blank name means (email), the trimmed name when it is a channel name, else null.</summary>
    public static string? ChannelOrEmail(string? channel) =>
        string.IsNullOrWhiteSpace(channel) ? "email" : IsChannelName(channel.Trim()) ? channel.Trim() : null;

    public static bool IsChannelName(string name) => ChannelName().IsMatch(name);

    // \z, not $: $ would also match before a final line break.
    [GeneratedRegex(@"^[a-z][a-z0-9_.\-]{0,63}\z")]
    private static partial Regex ChannelName();
}
