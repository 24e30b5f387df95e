using System.Net;
using Actors.Api.Catalogs;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Segments;
using Microsoft.Extensions.DependencyInjection;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>
/// A delete that a crash cut short after marking its entry hides the entry from every answer, so no operator would
/// know to repeat it: the next process finishes it (UnfinishedCatalogChanges, run once the host has started).
/// </summary>
public abstract class UnfinishedCatalogDeleteTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_segment_delete_cut_short_is_finished_by_the_next_process()
    {
        await using var api = new ApiFactory(store());
        var segment = (long)(await Create(api, "/api/segments/new", "list", """{"name":"Going"}"""))["id"]!;
        var contact = await CreateContact(api, """{"email":"member@example.com"}""");
        await Send(api, HttpMethod.Post, $"/api/segments/{segment}/contact/{contact}/add");
        var catalog = CatalogEndpoints.Catalog<Segment>(api.Grains);
        await catalog.BeginRemove(segment);

        var (hidden, _) = await Send(api, HttpMethod.Get, $"/api/segments/{segment}");
        await api.Services.GetRequiredService<UnfinishedCatalogChanges>().FinishAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.NotFound, hidden);
        Assert.Empty((await api.Grains.GetContact(contact).Get())!.Segments);
        Assert.Empty(await catalog.Removing());
        Assert.Empty(await Search(api, $"segment:{segment}"));
    }
}

public sealed class SqliteUnfinishedCatalogDeleteTests() : UnfinishedCatalogDeleteTests(TestStore.Sqlite);

public sealed class PostgreSqlUnfinishedCatalogDeleteTests() : UnfinishedCatalogDeleteTests(TestStore.PostgreSql);
