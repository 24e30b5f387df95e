using System.Net;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Identity;
using static Actors.Api.Tests.Contacts.ContactWriteTests;
using static Actors.Api.Tests.Imports.ImportRequests;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// One unique value in two Unicode spellings, "é" as one code point (U+00E9) and as "e" with a combining acute (U+0301),
/// identifies one contact on every path: index keys are in NFC.
/// </summary>
public abstract class UnicodeSpellingTests(Func<TestStore> store)
{
    private const string Composed = "jos\u00e9@x.test";
    private const string Decomposed = "jose\u0301@x.test";

    [Fact]
    public async Task A_create_with_the_other_spelling_updates_the_contact()
    {
        await using var api = new ApiFactory(store());
        var jose = await Create(api, $$"""{"email":"{{Composed}}"}""");

        var (again, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"email":"{{Decomposed}}","city":"Lyon"}""");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(jose, (long)body["contact"]!["id"]!);
        Assert.Single(await ListContacts(api.ApiClient()));
    }

    [Fact]
    public async Task A_tracking_hit_with_the_other_spelling_reaches_the_contact()
    {
        await using var api = new ApiFactory(store());
        await MakePubliclyUpdatable(api, "email");
        var jose = await Create(api, $$"""{"email":"{{Decomposed}}"}""");

        var hit = await Event(api.Visitor(), new() { ["page_url"] = "http://site/a", ["email"] = Composed });

        Assert.Equal(jose, (long)hit["id"]!);
        Assert.Single(await ListContacts(api.ApiClient()));
    }

    [Fact]
    public async Task An_import_with_the_other_spelling_updates_the_contact()
    {
        await using var api = new ApiFactory(store());
        var jose = await Create(api, $$"""{"email":"{{Composed}}"}""");

        var import = await Import(api, $"email,city\n{Decomposed},Lyon\n");

        Assert.Equal(1, (int)import["updatedCount"]!);
        Assert.Equal(0, (int)import["insertedCount"]!);
        Assert.Equal("Lyon", Field(await Contact(api, jose), "city"));
        Assert.Single(await ListContacts(api.ApiClient()));
    }

    [Fact]
    public async Task A_contact_keyed_before_NFC_is_found_again_once_a_write_names_its_value()
    {
        await using var api = new ApiFactory(store());
        var jose = await Create(api, $$"""{"email":"{{Decomposed}}"}""");
        // As a key stored before keys were NFC left it: the decomposed spelling's key owned, the NFC one free.
        await api.Grains.GetGrain<IIdentifierIndexGrain>($"email:{Composed}").Release(jose);
        await api.Grains.GetGrain<IIdentifierIndexGrain>($"email:{Decomposed}").Claim(jose);

        var (edited, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{jose}/edit", $$"""{"email":"{{Decomposed}}"}""");
        var (again, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"email":"{{Composed}}"}""");

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(jose, (long)body["contact"]!["id"]!);
    }
}

public sealed class SqliteUnicodeSpellingTests() : UnicodeSpellingTests(TestStore.Sqlite);

public sealed class PostgreSqlUnicodeSpellingTests() : UnicodeSpellingTests(TestStore.PostgreSql);
