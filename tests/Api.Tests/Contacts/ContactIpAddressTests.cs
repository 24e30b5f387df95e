using System.Net;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using static Actors.Api.Tests.Imports.ImportRequests;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// A contact body's ipAddress is read as tracking reads an address: spelled canonically, and kept in one form, so a
/// contact never holds one address twice and ip: search finds it by any spelling of it.
/// </summary>
public abstract class ContactIpAddressTests(Func<TestStore> store)
{
    [Theory]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("fe80::1%25")]
    [InlineData("134744072")]
    public async Task An_address_spelled_as_tracking_would_not_take_it_is_a_400_naming_it(string spelling)
    {
        await using var api = new ApiFactory(store());

        var (status, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"email":"a@example.com","ipAddress":"{{spelling}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"ipAddress: '{spelling}' {ContactWriteTests.NotAnAddress}", Message(body));
        Assert.Empty(await Search(api, "email:a@example.com"));
    }

    [Fact]
    public async Task Spellings_of_one_address_are_one_address_of_the_contact_and_found_by_any_of_them()
    {
        await using var api = new ApiFactory(store());
        var id = await CreateContact(api, """{"email":"a@example.com","ipAddress":"2001:DB8::0001"}""");
        await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", """{"ipAddress":"2001:db8::1"}""");
        await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", """{"ipAddress":"::ffff:203.0.113.9"}""");

        var addresses = (await Get(api, $"/api/contacts/{id}"))["contact"]!["ipAddresses"]!.AsObject().Select(a => a.Key).Order();

        Assert.Equal(["2001:db8::1", "203.0.113.9"], addresses);
        Assert.Equal([id], await Search(api, "ip:2001:DB8::0001"));
        Assert.Equal([id], await Search(api, "+ip:2001:db8:0:0:0:0:0:1"));
        Assert.Equal([id], await Search(api, "ip:203.0.113.9"));
    }

    [Fact]
    public async Task An_import_cell_is_read_by_the_same_rule()
    {
        await using var api = new ApiFactory(store());

        await Import(api, "email,ipAddress\nb@example.com,2001:DB8::0002\nc@example.com,0x7f.0.0.1\n");

        var canonical = Assert.Single(await Search(api, "email:b@example.com"));
        var refused = Assert.Single(await Search(api, "email:c@example.com"));
        Assert.Equal(["2001:db8::2"], (await api.Grains.GetContact(canonical).Get())!.Ips);
        Assert.Empty((await api.Grains.GetContact(refused).Get())!.Ips);
    }
}

public sealed class SqliteContactIpAddressTests() : ContactIpAddressTests(TestStore.Sqlite);

public sealed class PostgreSqlContactIpAddressTests() : ContactIpAddressTests(TestStore.PostgreSql);
