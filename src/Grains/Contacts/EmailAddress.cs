using System.Net.Mail;

namespace Actors.Grains.Contacts;

/// <summary>The edge's check of an email value: one address, no display name, at most 254 characters.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static bool LooksValid(string? value)
        => value is { Length: > 2 and <= MaxLength }
           && MailAddress.TryCreate(value.Trim(), out var address)
           && address.Address == value.Trim()
           && address.Host.Contains('.');
}
