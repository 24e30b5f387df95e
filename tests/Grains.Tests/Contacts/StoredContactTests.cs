using System.Text;
using System.Text.Json;
using Actors.Grains.Contacts;
using Actors.Grains.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Tests.Contacts;

/// <summary>
/// A contact stores, and holds in memory, only the collections it has something in: most contacts are anonymous
/// visitors with an address and a device. Payloads of older builds, which held every collection, read back the same.
/// </summary>
public sealed class StoredContactTests : SiloTest
{
    [Fact]
    public async Task A_new_visitors_contact_stores_only_the_collections_it_holds()
    {
        var id = (await Silo.Track(DeviceId.New(), Hits.Page(0) with { Ip = "203.0.113.7" })).ContactId;
        await Silo.Contact(id).Apply(new ContactEdit { At = Hits.Minute(1), PointsDelta = 5 });

        Assert.Equal(["devices", "ips"], Collections(await Silo.StoredPayload(id)));
    }

    [Fact]
    public async Task A_collection_emptied_by_an_edit_reads_back_empty()
    {
        var id = (await Silo.Track(DeviceId.New(), Hits.Page(0) with { Tags = ["vip"] })).ContactId;
        await Silo.Contact(id).Apply(new ContactEdit { At = Hits.Minute(1), RemoveTags = ["vip"], JoinSegments = [3] });
        await RestartSilo();

        var contact = await Silo.Snapshot(id);

        Assert.Empty(contact.Tags);
        Assert.Equal([3L], contact.Segments);
    }

    [Fact]
    public void A_payload_an_older_build_stored_with_every_collection_reads_back_the_same_and_is_stored_without_the_empty_ones()
    {
        const string older = """
            {"dateAdded":"2026-01-01T12:00:00+00:00","fields":{"email":"ann@example.com"},
            "fieldModifiedAt":{"email":"2026-01-01T12:00:00+00:00"},"tags":["VIP"],"points":3,"ips":[],"devices":["d1"],
            "identifiers":["email:ann@example.com"],"utm":[],"doNotContact":[],"segments":[4],"categories":[],
            "frequencyRules":{},"companies":[],"campaigns":{},"notes":[],"absorbed":[],"imports":{}}
            """;

        var read = GrainStateSerializer.Deserialize<ContactState>(Encoding.UTF8.GetBytes(older));
        var stored = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(GrainStateSerializer.Serialize(read))!;

        Assert.Equal("ann@example.com", read.Fields["email"]);
        Assert.Equal(Hits.Start, read.FieldModifiedAt["email"]);
        Assert.Contains("vip", read.Tags);
        Assert.Equal(3, read.Points);
        Assert.Equal(["d1"], read.Devices);
        Assert.Equal(["email:ann@example.com"], read.Identifiers);
        Assert.Equal([4L], read.Segments);
        Assert.Empty(read.Ips);
        Assert.Equal(["devices", "fieldModifiedAt", "fields", "identifiers", "segments", "tags"], Collections(stored));
    }

    [Fact]
    public void Utm_rows_an_older_build_stored_without_ids_are_numbered_from_their_contact_and_place_and_keep_those_ids_once_stored()
    {
        const string older = """{"dateAdded":"2026-01-01T12:00:00+00:00","utm":[{"at":"2026-01-01T12:00:00+00:00","source":"a"},{"at":"2026-01-01T12:00:00+00:00","source":"b"}]}""";

        var read = GrainStateSerializer.Deserialize<ContactState>(Encoding.UTF8.GetBytes(older));
        var unnumbered = read.HoldsUtmWithoutIds;
        read.NumberOlderUtm(5);
        var again = GrainStateSerializer.Deserialize<ContactState>(GrainStateSerializer.Serialize(read));

        Assert.True(unnumbered);
        Assert.Equal([UtmIdSource.OlderRowId(5, 0), UtmIdSource.OlderRowId(5, 1)], read.Utm.Select(row => row.Id));
        Assert.NotEqual(UtmIdSource.OlderRowId(5, 1), UtmIdSource.OlderRowId(6, 0));
        Assert.False(again.HoldsUtmWithoutIds);
        Assert.Equal(read.Utm, again.Utm);
    }

    static string[] Collections(Dictionary<string, JsonElement> payload) => payload
        .Where(property => property.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
        .Select(property => property.Key).Order(StringComparer.Ordinal).ToArray();
}
