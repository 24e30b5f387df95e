using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence;
using Actors.Runtime.Persistence.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Tests.Persistence;

public sealed class StorageOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid_and_choose_sqlite_in_the_data_folder()
    {
        var options = new StorageOptions();

        Assert.True(new StorageOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(StorageProvider.Sqlite, options.ProviderKind);
        Assert.Equal("data", options.DataDirectory);
    }

    [Theory]
    [InlineData("memory", StorageProvider.Memory)]
    [InlineData("SQLITE", StorageProvider.Sqlite)]
    [InlineData(" PostgreSql ", StorageProvider.PostgreSql)]
    public void Provider_names_are_case_insensitive(string text, StorageProvider expected)
    {
        Assert.True(StorageOptions.TryParseProvider(text, out var provider));
        Assert.Equal(expected, provider);
    }

    [Theory]
    [InlineData("Mongo")]
    [InlineData("1")]
    [InlineData("")]
    public void An_unknown_provider_in_configuration_is_refused_at_start_naming_the_setting_and_the_choices(string provider)
    {
        using var services = Build(new() { ["Provider"] = provider });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Storage:Provider", error.Message);
        Assert.Contains("Memory, Sqlite, PostgreSql", error.Message);
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IGrainStorage>());
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_is_refused()
    {
        var error = Refusal(new StorageOptions { Provider = "PostgreSql" });

        Assert.Equal("Storage:ConnectionString is required when Storage:Provider is PostgreSql.", error);
    }

    [Theory]
    [InlineData("Hots=db;Password=secret")]
    [InlineData("Host=db;Port=not-a-number;Password=secret")]
    [InlineData("just some text")]
    [InlineData("Username=actors;Password=secret")]
    public void A_connection_string_npgsql_cannot_use_is_refused_without_echoing_it(string connectionString)
    {
        var error = Refusal(new StorageOptions { Provider = "PostgreSql", ConnectionString = connectionString });

        Assert.StartsWith("Storage:ConnectionString ", error);
        Assert.DoesNotContain("secret", error);
    }

    [Fact]
    public void Sqlite_without_a_data_folder_is_refused()
    {
        var error = Refusal(new StorageOptions { DataDirectory = " " });

        Assert.StartsWith("Storage:DataDirectory", error);
    }

    [Fact]
    public void The_configured_provider_is_one_instance_behind_every_service_and_the_default_key()
    {
        using var services = Build(new() { ["Provider"] = "Memory" });

        var storage = services.GetRequiredService<IGrainStorage>();

        Assert.IsType<MemoryGrainStorage>(storage);
        Assert.Same(storage, services.GetRequiredService<IStorageLifecycle>());
        Assert.Same(storage, services.GetRequiredKeyedService<IGrainStorage>(StorageServiceCollectionExtensions.DefaultStorageName));
    }

    static string Refusal(StorageOptions options)
    {
        var result = new StorageOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        return result.FailureMessage!;
    }

    static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddGrainStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
