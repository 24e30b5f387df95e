using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>A contact field's dateAdded, dateModified and the users behind them, as Mautic's FormModel::setTimestamps sets them.</summary>
public abstract class FieldAuditTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_new_field_is_dated_and_signed_by_its_maker_and_an_edit_keeps_them_and_dates_itself()
    {
        await using var api = new ApiFactory(store());
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var made = await Create(api, "/api/fields/contact/new", "field", """{"label":"Shoe Size","type":"number"}""");
        var (_, edited) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{made["id"]}/edit", """{"label":"Shoe size (EU)"}""");
        var core = (await Get(api, "/api/fields/contact/2"))["field"]!;

        var added = DateTimeOffset.Parse((string)made["dateAdded"]!);
        Assert.InRange(added, before, DateTimeOffset.UtcNow);
        Assert.Equal("API Administrator", (string?)made["createdByUser"]);
        Assert.NotNull(made["createdBy"]);
        Assert.Equal((string?)made["dateAdded"], (string?)made["dateModified"]);
        Assert.Equal("API Administrator", (string?)made["modifiedByUser"]);
        var field = edited["field"]!;
        Assert.Equal((string?)made["dateAdded"], (string?)field["dateAdded"]);
        Assert.Equal("API Administrator", (string?)field["createdByUser"]);
        Assert.True(DateTimeOffset.Parse((string)field["dateModified"]!) >= added);
        Assert.Null(core["dateAdded"]);
        Assert.Null(core["createdBy"]);
    }
}

public sealed class SqliteFieldAuditTests() : FieldAuditTests(TestStore.Sqlite);

public sealed class PostgreSqlFieldAuditTests() : FieldAuditTests(TestStore.PostgreSql);
