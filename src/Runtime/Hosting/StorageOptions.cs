namespace Actors.Runtime.Hosting;

/// <summary>The grain storage providers the runtime ships.</summary>
public enum StorageProvider
{
    /// <summary>Process memory; lost on restart. For tests and demos.</summary>
    Memory,

    /// <summary>One SQLite file in <see cref="StorageOptions.DataDirectory"/>; a single node.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by every node of a cluster.</summary>
    PostgreSql,
}

/// <summary>Configuration section "Storage": where grain state (and later components' tables) live.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public const string DefaultProvider = nameof(StorageProvider.Sqlite);

    public const string DefaultDataDirectory = "data";

    /// <summary>
    /// Memory, Sqlite or PostgreSql (case-insensitive). Default <see cref="DefaultProvider"/>. Bound as text so a
    /// misspelt provider is reported by <see cref="StorageOptionsValidator"/> with the allowed values.
    /// </summary>
    public string Provider { get; set; } = DefaultProvider;

    /// <summary>Folder of the SQLite file, relative to the working directory. Default <see cref="DefaultDataDirectory"/>.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>Npgsql connection string; required when Provider is PostgreSql, unused otherwise. Default none.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The provider named by <see cref="Provider"/>, once the options have been validated.</summary>
    public StorageProvider ProviderKind => TryParseProvider(Provider, out var kind)
        ? kind
        : throw new InvalidOperationException(StorageOptionsValidator.UnknownProviderMessage(Provider));

    /// <summary>Accepts the provider names only, not the enum's numbers.</summary>
    public static bool TryParseProvider(string? text, out StorageProvider provider) => ProviderNames.TryParse(text, out provider);
}
