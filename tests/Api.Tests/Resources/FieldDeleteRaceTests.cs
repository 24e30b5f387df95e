using System.Net;
using System.Text.RegularExpressions;
using Actors.Api.Catalogs;
using Actors.Api.Fields;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Fields;
using Microsoft.Extensions.DependencyInjection;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>
/// A field delete that writes race: no value written before, during or after it outlives it, and a field made again
/// with the same alias starts empty. The delete is stopped after its mark (BeginRemove) while the front end's catalog
/// still holds the field, which is where a write checked just before the delete lands after its sweep passed.
/// </summary>
public abstract partial class FieldDeleteRaceTests(Func<TestStore> store)
{
    [Theory]
    [InlineData("POST", "/api/contacts/new")]
    [InlineData("PATCH", "/api/contacts/{id}/edit")]
    [InlineData("PUT", "/api/contacts/{id}/edit")]
    public async Task A_body_written_to_a_field_being_deleted_leaves_no_value_behind(string method, string url)
    {
        await using var api = new ApiFactory(store());
        var field = await Create(api, "/api/fields/contact/new", "field", """{"label":"Racy"}""");
        var id = await CreateContact(api, """{"email":"a@example.com","racy":"old"}""");
        await Catalog(api).BeginRemove((long)field["id"]!);

        var (status, body) = await Send(api, new HttpMethod(method), url.Replace("{id}", $"{id}"), """{"email":"a@example.com","racy":"late"}""");

        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"{(int)status} {body.ToJsonString()}");
        Assert.Null((await api.Grains.GetContact(id).Get())!.Fields.GetValueOrDefault("racy"));
        await AssertFinishedAndRecreatedEmptyAsync(api, (long)field["id"]!, id);
    }

    [Fact]
    public async Task A_tracked_value_of_a_field_being_deleted_leaves_no_value_behind()
    {
        await using var api = new ApiFactory(store());
        var field = await Create(api, "/api/fields/contact/new", "field", """{"label":"Racy","isPubliclyUpdatable":true}""");
        await CreateContact(api, """{"email":"a@example.com","racy":"old"}""");
        await Catalog(api).BeginRemove((long)field["id"]!);
        var visitor = api.Visitor();
        visitor.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36");

        var tracked = await visitor.GetAsync("/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F&racy=late");

        Assert.Equal(HttpStatusCode.OK, tracked.StatusCode);
        var contact = long.Parse(tracked.Headers.GetValues("Set-Cookie").Select(c => TrackedContact().Match(c)).First(m => m.Success).Groups[1].Value);
        Assert.Null((await api.Grains.GetContact(contact).Get())!.Fields.GetValueOrDefault("racy"));
        await AssertFinishedAndRecreatedEmptyAsync(api, (long)field["id"]!, contact);
    }

    [Fact]
    public async Task A_field_being_deleted_is_an_unknown_field_its_alias_stays_taken_and_a_repeated_delete_finishes_it()
    {
        await using var api = new ApiFactory(store());
        var field = await Create(api, "/api/fields/contact/new", "field", """{"label":"Racy"}""");
        var id = await CreateContact(api, """{"email":"a@example.com","racy":"old"}""");
        await Catalog(api).BeginRemove((long)field["id"]!);
        api.Services.GetRequiredService<FieldCatalogCache>().Invalidate();

        var (write, error) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", """{"racy":"late"}""");
        var (shown, _) = await Send(api, HttpMethod.Get, $"/api/fields/contact/{field["id"]}");
        var (again, _) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", """{"label":"Racy","alias":"racy"}""");
        var (deleted, body) = await Send(api, HttpMethod.Delete, $"/api/fields/contact/{field["id"]}/delete");

        Assert.Equal(HttpStatusCode.BadRequest, write);
        Assert.Contains("Unknown contact fields: racy", Message(error));
        Assert.Equal(HttpStatusCode.NotFound, shown);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again);
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal("racy", (string)body["field"]!["alias"]!);
        Assert.Empty(await Catalog(api).Removing());
        await Create(api, "/api/fields/contact/new", "field", """{"label":"Racy"}""");
        Assert.Null((await api.Grains.GetContact(id).Get())!.Fields.GetValueOrDefault("racy"));
        Assert.Empty(await Search(api, "racy:old"));
    }

    /// <summary>Finishes the delete as the next process would, makes the field again, and finds it empty on the contact and in search.</summary>
    private static async Task AssertFinishedAndRecreatedEmptyAsync(ApiFactory api, long fieldId, long contact)
    {
        await api.Services.GetRequiredService<UnfinishedCatalogChanges>().FinishAsync(CancellationToken.None);
        Assert.DoesNotContain(await Catalog(api).Get(), f => f.Id == fieldId);
        await Create(api, "/api/fields/contact/new", "field", """{"label":"Racy"}""");
        Assert.Null((await api.Grains.GetContact(contact).Get())!.Fields.GetValueOrDefault("racy"));
        Assert.Empty(await Search(api, "racy:late"));
        Assert.Empty(await Search(api, "racy:old"));
    }

    private static IFieldCatalogGrain Catalog(ApiFactory api) => api.Grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields);

    [GeneratedRegex(@"^mtc_id=(\d+)")]
    private static partial Regex TrackedContact();
}

public sealed class SqliteFieldDeleteRaceTests() : FieldDeleteRaceTests(TestStore.Sqlite);

public sealed class PostgreSqlFieldDeleteRaceTests() : FieldDeleteRaceTests(TestStore.PostgreSql);
