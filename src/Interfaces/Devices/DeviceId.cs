using System.Security.Cryptography;

namespace Actors.Interfaces.Devices;

/// <summary>Mautic's tracking id: 23 random characters from 0-9a-z.</summary>
public static class DeviceId
{
    public const int Length = 23;
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    public static string New() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    public static bool IsValid(string? id) =>
        id is { Length: Length } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'z');
}
