namespace Actors.Runtime.Hosting;

/// <summary>Provider settings are bound as text and matched to an enum here, so a typo can be reported with the allowed names.</summary>
internal static class ProviderNames
{
    /// <summary>Accepts the names only (case-insensitive, trimmed), not the enum's numbers.</summary>
    public static bool TryParse<TProvider>(string? text, out TProvider provider) where TProvider : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TProvider>())
        {
            if (string.Equals(candidate.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                provider = candidate;
                return true;
            }
        }
        provider = default;
        return false;
    }

    public static string Unknown<TProvider>(string setting, string? text, string what) where TProvider : struct, Enum =>
        $"{setting} '{text}' is not a {what}; use one of: {string.Join(", ", Enum.GetNames<TProvider>())}.";
}
