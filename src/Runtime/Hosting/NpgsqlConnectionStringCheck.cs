using Npgsql;

namespace Actors.Runtime.Hosting;

/// <summary>Checks an Npgsql connection string setting at start-up, for every component that takes one.</summary>
internal static class NpgsqlConnectionStringCheck
{
    /// <summary>What is wrong with <paramref name="connectionString"/>, in a message naming <paramref name="setting"/>; null if nothing.</summary>
    public static string? Problem(string setting, string? connectionString, string requiredWhen)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            return $"{setting} is required when {requiredWhen}.";
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host) ? $"{setting} names no Host." : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            // Npgsql's own message names the keyword at fault; its inner exception, which may quote a
            // password-bearing value, is deliberately left out of a message that ends up in logs.
            return $"{setting} is not a valid Npgsql connection string: {e.Message}";
        }
    }
}
