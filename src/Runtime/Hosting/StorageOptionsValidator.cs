using Microsoft.Extensions.Options;

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
        ProviderNames.Unknown<StorageProvider>($"{Section}:{nameof(StorageOptions.Provider)}", provider, "storage provider");

    static ValidateOptionsResult ValidateConnectionString(string? connectionString) =>
        NpgsqlConnectionStringCheck.Problem($"{Section}:{nameof(StorageOptions.ConnectionString)}", connectionString,
            $"{Section}:{nameof(StorageOptions.Provider)} is PostgreSql") is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
}
