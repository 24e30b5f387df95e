using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using static Actors.Api.Tests.Contacts.ContactWriteTests;
using static Actors.Api.Tests.Imports.ImportRequests;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// The last_active field is the contact's lastActive under its field alias, as in Mautic, where both are one column:
/// whichever name writes it, every answer (the contact, its fields, the export) shows one value.
/// </summary>
public abstract class LastActiveFieldTests(Func<TestStore> store)
{
    private static readonly DateTimeOffset Moment = new(2026, 2, 3, 4, 5, 6, TimeSpan.Zero);
    private const string MomentText = "2026-02-03 04:05:06";

    [Theory]
    [InlineData("last_active")]
    [InlineData("lastActive")]
    public async Task Either_name_moves_lastActive_and_the_field_shows_the_same_moment(string name)
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, $$"""{"email":"ann@example.com","{{name}}":"2026-02-03T05:05:06+01:00"}""");

        var contact = await Read(api, id);

        Assert.Equal(Moment, DateTimeOffset.Parse((string)contact["lastActive"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(MomentText, (string)contact["fields"]!["all"]!["last_active"]!);
        Assert.Equal(MomentText, (string)contact["fields"]!["core"]!["last_active"]!["value"]!);
        Assert.Equal(Moment, (await api.Grains.GetContact(id).Get())!.LastActive);
        Assert.False((await api.Grains.GetContact(id).Get())!.Fields.ContainsKey("last_active"));
    }

    [Fact]
    public async Task A_contact_active_without_any_body_saying_so_shows_its_activity_in_the_field()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"ann@example.com"}""");
        await api.Grains.GetContact(id).Apply(new ContactEdit { At = Moment, LastActive = Moment });

        Assert.Equal(MomentText, (string)(await Read(api, id))["fields"]!["all"]!["last_active"]!);
    }

    [Fact]
    public async Task A_body_naming_both_is_a_400_and_a_blank_one_changes_nothing()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"ann@example.com","lastActive":"2026-02-03T04:05:06Z"}""");

        var (both, error) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", """{"lastActive":"2026-03-01","last_active":"2026-04-01"}""");
        var (blank, _) = await Send(api, HttpMethod.Put, $"/api/contacts/{id}/edit", """{"email":"ann@example.com","last_active":"","overwriteWithBlank":true}""");

        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal("The body names lastActive more than once (lastActive, last_active).", (string)error["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Equal(MomentText, (string)(await Read(api, id))["fields"]!["all"]!["last_active"]!);
    }

    [Fact]
    public async Task An_imported_last_active_column_moves_lastActive_and_the_export_shows_it()
    {
        await using var api = new ApiFactory(store());

        await Import(api, $"email,last_active\nann@example.com,{MomentText}\nbob@example.com,\n");
        var csv = await api.ApiClient().GetStringAsync("/api/contacts/export?format=csv");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var column = Array.IndexOf(lines[0].Split(','), "last_active");
        Assert.True(column > 0);
        var values = lines[1..].ToDictionary(line => line.Split(',')[6], line => line.Split(',')[column]);
        Assert.Equal(MomentText, values["ann@example.com"]);
        Assert.Equal("", values["bob@example.com"]);
        var ann = (await ListContacts(api.ApiClient(), "ann@example.com")).Single().Value!;
        Assert.Equal(MomentText, (string)ann["fields"]!["all"]!["last_active"]!);
    }

    private static async Task<JsonNode> Read(ApiFactory api, long id)
    {
        var (response, body) = await Send(api, HttpMethod.Get, $"/api/contacts/{id}", "");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return body["contact"]!;
    }
}

public sealed class SqliteLastActiveFieldTests() : LastActiveFieldTests(TestStore.Sqlite);

public sealed class PostgreSqlLastActiveFieldTests() : LastActiveFieldTests(TestStore.PostgreSql);
