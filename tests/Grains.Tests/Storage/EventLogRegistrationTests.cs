using Actors.Grains.Storage.Contacts;
using Actors.Grains.Storage.Events;
using Actors.Grains.Storage.Events.Memory;
using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence;
using Actors.Runtime.Persistence.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Tests.Storage;

public sealed class EventLogRegistrationTests
{
    [Fact]
    public void A_batch_size_below_one_is_refused_at_start_naming_the_setting()
    {
        using var services = Build(new() { ["Storage:Provider"] = "Memory", ["EventLog:MaxBatchSize"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("EventLog:MaxBatchSize", error.Message);
    }

    [Fact]
    public async Task No_transaction_holds_more_than_the_configured_batch_size()
    {
        using var services = Build(new() { ["Storage:Provider"] = "Memory", ["EventLog:MaxBatchSize"] = "10" });
        var writer = services.GetRequiredService<EventLogWriter>();

        var appends = Enumerable.Range(0, 100).Select(n => writer.AppendAsync(new EventRecord(1, "page.hit", DateTimeOffset.UtcNow, "{}"))).ToList();
        await writer.StartAsync(CancellationToken.None);
        await Task.WhenAll(appends);
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(10, writer.CommittedBatches);
        Assert.Equal(100, (await services.GetRequiredService<IEventLog>().ReadAsync(new EventQuery(1), CancellationToken.None)).Total);
    }

    [Fact]
    public void The_writer_is_the_first_hosted_service_so_the_host_stops_it_after_the_silo()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHostedService<PlaceholderService>();
        services.AddEventLog(Configuration(new() { ["Storage:Provider"] = "Memory" }));
        services.AddEventLog(Configuration(new() { ["Storage:Provider"] = "Memory" }));
        using var provider = services.BuildServiceProvider();

        var hosted = provider.GetServices<IHostedService>().ToList();

        Assert.Equal(2, hosted.Count);
        Assert.Same(provider.GetRequiredService<EventLogWriter>(), hosted[0]);
    }

    [Fact]
    public void The_memory_provider_keeps_events_in_memory_and_contacts_in_the_default_memory_storage()
    {
        using var services = Build(new() { ["Storage:Provider"] = "Memory" });

        Assert.IsType<MemoryEventLog>(services.GetRequiredService<IEventLog>());
        Assert.IsType<MemoryGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(ContactTableStorage.StorageName));
        // One store for all grain state, so a test silo restarted on the same storage finds its contacts again.
        Assert.Same(services.GetRequiredService<IGrainStorage>(), services.GetRequiredKeyedService<IGrainStorage>(ContactTableStorage.StorageName));
    }

    static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = Configuration(settings);
        return new ServiceCollection().AddLogging().AddEventLog(configuration).AddContactTable(configuration).BuildServiceProvider();
    }

    static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    sealed class PlaceholderService : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
