using System.Globalization;
using System.Net.Mail;

namespace Actors.Grains.Contacts;

/// <summary>
/// The edge's check of an email value: one address, no display name, at most 254 characters, and no invisible
/// characters (controls and format characters such as a zero-width space, a right-to-left mark or a soft hyphen),
/// which would make one address look like another and claim an identifier of its own (Mautic's email filter drops them).
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    /// <summary>Mautic's message for a value that is no email address (its Email constraint's).</summary>
    public const string Invalid = "A valid email is required.";

    public static bool LooksValid(string? value)
        => value is { Length: > 2 and <= MaxLength }
           && !value.Any(IsInvisible)
           && MailAddress.TryCreate(value.Trim(), out var address)
           && address.Address == value.Trim()
           && address.Host.Contains('.');

    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format;
}
