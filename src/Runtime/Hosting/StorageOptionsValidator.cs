using Microsoft.Extensions.Options;
using Npgsql;

namespace Actors.Runtime.Hosting;

/// <summary>Refuses storage settings that would only fail later, at the first grain activation, naming the setting to fix.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    const string Section = StorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!StorageOptions.TryParseProvider(options.Provider, out var provider))
            return ValidateOptionsResult.Fail(UnknownProviderMessage(options.Provider));

        return provider switch
        {
            StorageProvider.Sqlite when string.IsNullOrWhiteSpace(options.DataDirectory) =>
                ValidateOptionsResult.Fail($"{Section}:{nameof(options.DataDirectory)} must name a folder when {Section}:{nameof(options.Provider)} is Sqlite."),
            StorageProvider.PostgreSql => ValidateConnectionString(options.ConnectionString),
            _ => ValidateOptionsResult.Success,
        };
    }

    internal static string UnknownProviderMessage(string? provider) =>
        $"{Section}:{nameof(StorageOptions.Provider)} '{provider}' is not a storage provider; use one of: " +
        string.Join(", ", Enum.GetNames<StorageProvider>()) + ".";

    static ValidateOptionsResult ValidateConnectionString(string? connectionString)
    {
        const string setting = $"{Section}:{nameof(StorageOptions.ConnectionString)}";
        if (string.IsNullOrWhiteSpace(connectionString))
            return ValidateOptionsResult.Fail($"{setting} is required when {Section}:{nameof(StorageOptions.Provider)} is PostgreSql.");
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host)
                ? ValidateOptionsResult.Fail($"{setting} names no Host.")
                : ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            // Npgsql's own message names the keyword at fault; its inner exception, which may quote a
            // password-bearing value, is deliberately left out of a message that ends up in logs.
            return ValidateOptionsResult.Fail($"{setting} is not a valid Npgsql connection string: {e.Message}");
        }
    }
}
