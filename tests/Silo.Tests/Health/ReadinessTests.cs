using System.Net;
using Actors.Runtime.Persistence;
using Actors.Silo.Health;
using Actors.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Silo.Tests.Health;

/// <summary>The health endpoints over the real AddContactSilo composition, with one extra store the test can take away.</summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    readonly FakeStorage storage = new();
    WebApplication app = null!;
    HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Storage:Provider"] = "Memory";
        builder.Services.AddContactSilo(builder.Configuration);
        builder.Services.AddSingleton<IStorageLifecycle>(storage);
        app = builder.Build();
        app.MapHealthEndpoints();
        await app.StartAsync();
        client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
    }

    [Fact]
    public async Task A_started_silo_whose_storage_answers_is_live_and_ready()
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task A_silo_that_loses_its_storage_stays_live_but_is_not_ready()
    {
        storage.Reachable = false;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
