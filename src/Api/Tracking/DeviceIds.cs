using System.Security.Cryptography;

namespace Actors.Api.Tracking;

/// <summary>Device tracking ids: 23 characters of [0-9a-z], as Mautic issues them.</summary>
public static class DeviceIds
{
    public const int Length = 23;
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    public static bool IsValid(string? id) => id is { Length: Length } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'z');

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);
}
