using System.Data.Common;
using Actors.Grains.Storage.Events;
using Actors.Interfaces.Contacts;
using Actors.Runtime;
using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Tests.Storage;

/// <summary>
/// The runtime's storage conformance behaviours (round trip, ETag on every change, compare-and-set, clear), against
/// the contacts table on real databases, and the projected columns read back with plain SQL.
/// </summary>
public abstract class ContactTableStorageTests(StorageProvider provider) : StorageHost(provider)
{
    const string StateName = "contact";

    static long nextContact = Random.Shared.NextInt64(1, 1L << 40);

    static GrainId NewContact() => new("contact", Interlocked.Increment(ref nextContact).ToString());

    /// <summary>A query counting this dialect's indexes named <paramref name="name"/>.</summary>
    protected abstract string IndexCountSql(string name);

    [Fact]
    public async Task Owned_contacts_have_an_index_of_their_own_that_leaves_the_unowned_out()
    {
        Assert.Equal(1, await Database.CountAsync(IndexCountSql("contacts_owner")));
    }

    /// <summary>How this dialect's timestamp columns read with a plain query.</summary>
    protected abstract DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal);

    Task WriteAsync(GrainId contact, GrainState<TestContactState> state) => Contacts.WriteStateAsync(StateName, contact, state);

    async Task<GrainState<TestContactState>> ReadAsync(GrainId contact)
    {
        var state = new GrainState<TestContactState>();
        await Contacts.ReadStateAsync(StateName, contact, state);
        return state;
    }

    static GrainState<TestContactState> Copy(GrainState<TestContactState> state, string email) =>
        new() { State = TestContactState.Sample(email), ETag = state.ETag, RecordExists = state.RecordExists };

    [Fact]
    public async Task A_written_state_reads_back_exactly_with_its_etag()
    {
        var contact = NewContact();
        var written = new GrainState<TestContactState> { State = TestContactState.Sample("ada@example.com") };

        await WriteAsync(contact, written);
        var read = await ReadAsync(contact);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(Runtime.Persistence.GrainStateSerializer.Serialize(written.State), Runtime.Persistence.GrainStateSerializer.Serialize(read.State));
        Assert.Equal("Zoë\u0000", read.State.Fields["firstname"]);
        Assert.Equal(written.State.DateAdded, read.State.DateAdded);
        Assert.Equal(written.State.DateAdded?.Offset, read.State.DateAdded?.Offset);
    }

    [Fact]
    public async Task Reading_a_contact_never_written_gives_a_fresh_state_and_no_etag()
    {
        var read = await ReadAsync(NewContact());

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Empty(read.State.Fields);
    }

    [Fact]
    public async Task Of_two_first_writes_without_etag_exactly_one_succeeds()
    {
        var contact = NewContact();
        await WriteAsync(contact, new GrainState<TestContactState> { State = TestContactState.Sample("first@example.com") });

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            WriteAsync(contact, new GrainState<TestContactState> { State = TestContactState.Sample("second@example.com") }));

        Assert.Equal("first@example.com", (await ReadAsync(contact)).State.Fields["email"]);
    }

    [Fact]
    public async Task A_stale_write_fails_and_leaves_the_row_and_its_columns_alone()
    {
        var contact = NewContact();
        var current = new GrainState<TestContactState> { State = TestContactState.Sample("v1@example.com") };
        await WriteAsync(contact, current);
        var stale = Copy(current, "stale@example.com");
        current.State = TestContactState.Sample("v2@example.com");
        await WriteAsync(contact, current);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(contact, stale));

        Assert.Equal(stale.ETag, error.CurrentEtag);
        Assert.Equal(current.ETag, (await ReadAsync(contact)).ETag);
        Assert.Equal(1, await Database.CountAsync($"SELECT count(*) FROM contacts WHERE id = {contact.Key} AND email = 'v2@example.com'"));
    }

    [Fact]
    public async Task Of_ten_parallel_writers_holding_the_same_etag_exactly_one_wins()
    {
        var contact = NewContact();
        await WriteAsync(contact, new GrainState<TestContactState> { State = TestContactState.Sample("initial@example.com") });
        var read = await ReadAsync(contact);
        var writers = Enumerable.Range(0, 10).Select(i => Copy(read, $"writer{i}@example.com")).ToList();

        var results = await Task.WhenAll(writers.Select(w => Task.Run(async () =>
        {
            try
            {
                await WriteAsync(contact, w);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        })));

        Assert.Single(results, won => won);
        var winner = Assert.Single(writers, w => w.ETag != read.ETag);
        Assert.Equal(winner.State.Fields["email"], (await ReadAsync(contact)).State.Fields["email"]);
    }

    [Fact]
    public async Task The_etag_changes_on_every_write_and_on_clear()
    {
        var contact = NewContact();
        var state = new GrainState<TestContactState> { State = TestContactState.Sample("ada@example.com") };
        var etags = new List<string?>();

        for (var i = 0; i < 3; i++)
        {
            await WriteAsync(contact, state);
            etags.Add(state.ETag);
        }
        await Contacts.ClearStateAsync(StateName, contact, state);
        etags.Add(state.ETag);
        await WriteAsync(contact, state);
        etags.Add(state.ETag);

        Assert.All(etags, Assert.NotNull);
        Assert.Equal(etags.Count, etags.Distinct().Count());
    }

    [Fact]
    public async Task A_clear_empties_the_row_and_only_a_write_carrying_its_etag_succeeds_afterwards()
    {
        var contact = NewContact();
        var state = new GrainState<TestContactState> { State = TestContactState.Sample("ada@example.com") };
        await WriteAsync(contact, state);
        var beforeClear = Copy(state, "old@example.com");

        await Contacts.ClearStateAsync(StateName, contact, state);

        Assert.False(state.RecordExists);
        Assert.Empty(state.State.Fields);
        var read = await ReadAsync(contact);
        Assert.False(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(1, await Database.CountAsync($"SELECT count(*) FROM contacts WHERE id = {contact.Key} AND payload IS NULL AND email IS NULL AND fields IS NULL"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(contact, beforeClear));
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(contact, new GrainState<TestContactState>()));
        read.State = TestContactState.Sample("reborn@example.com");
        await WriteAsync(contact, read);
        Assert.Equal("reborn@example.com", (await ReadAsync(contact)).State.Fields["email"]);
    }

    [Fact]
    public async Task The_projected_columns_are_readable_with_plain_sql()
    {
        var contact = NewContact();
        var state = new GrainState<TestContactState> { State = TestContactState.Sample("Ada.Lovelace@Example.com") };
        await WriteAsync(contact, state);

        await using var connection = await Database.OpenFreshConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, email, firstname, lastname, city, company, points, owner_id, is_anonymous, merged_into,
                   date_added, last_active, date_identified, fields
            FROM contacts WHERE lower(email) = 'ada.lovelace@example.com'
            """;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.Equal(long.Parse(contact.Key), reader.GetInt64(0));
        Assert.Equal("Ada.Lovelace@Example.com", reader.GetString(1));
        Assert.Equal("Zoë", reader.GetString(2));
        Assert.Equal("Ng", reader.GetString(3));
        Assert.Equal("Lisbon", reader.GetString(4));
        Assert.True(reader.IsDBNull(5));
        Assert.Equal(42, reader.GetInt32(6));
        Assert.Equal(7, reader.GetInt64(7));
        Assert.True(reader.GetBoolean(8));
        Assert.True(reader.IsDBNull(9));
        Assert.Equal(state.State.DateAdded!.Value.UtcTicks - 7, ReadTimestamp(reader, 10).UtcTicks);
        Assert.Equal(state.State.LastActive, ReadTimestamp(reader, 11));
        Assert.True(reader.IsDBNull(12));
        Assert.Contains("\"shoe_size\":\"44\"", reader.GetString(13));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task A_change_and_its_timeline_entries_are_stored_by_one_write()
    {
        var contact = NewContact();
        var id = long.Parse(contact.Key);
        var state = new GrainState<TestContactState> { State = TestContactState.Sample("ada@example.com") };
        state.State.PendingTimeline.AddRange([Entry(id, "lead.create"), Entry(id, "page.hit"), Entry(id, "lead.identified")]);

        await WriteAsync(contact, state);
        state.State.Points = 43;
        await WriteAsync(contact, state);

        Assert.Empty(state.State.PendingTimeline);
        var stored = (await Log.ReadAsync(new EventQuery(id) { Ascending = true }, CancellationToken.None)).Events;
        Assert.Equal(["lead.create", "page.hit", "lead.identified"], stored.Select(e => e.EventType));
        Assert.All(stored, e => Assert.Equal("{\"at\":\"write\"}", e.PayloadJson));
    }

    [Fact]
    public async Task A_stale_write_stores_none_of_its_timeline_entries()
    {
        var contact = NewContact();
        var id = long.Parse(contact.Key);
        var current = new GrainState<TestContactState> { State = TestContactState.Sample("v1@example.com") };
        await WriteAsync(contact, current);
        var stale = Copy(current, "stale@example.com");
        await WriteAsync(contact, current);
        stale.State.PendingTimeline.Add(Entry(id, "lead.identified"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(contact, stale));

        Assert.Equal(0, (await Log.ReadAsync(new EventQuery(id), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task A_timeline_entry_the_database_refuses_takes_its_change_down_with_it()
    {
        var contact = NewContact();
        var id = long.Parse(contact.Key);
        var current = new GrainState<TestContactState> { State = TestContactState.Sample("v1@example.com") };
        await WriteAsync(contact, current);
        var etag = current.ETag;
        await Database.ExecuteAsync(RefuseEventTypeSql("test.refused"));
        var change = Copy(current, "v2@example.com");
        change.State.PendingTimeline.AddRange([Entry(id, "lead.identified"), Entry(id, "test.refused")]);

        await Assert.ThrowsAnyAsync<DbException>(() => WriteAsync(contact, change));

        await AssertUnchangedAsync(contact, etag);
    }

    [Fact]
    public async Task A_timeline_entry_no_database_could_store_is_refused_before_the_write()
    {
        var contact = NewContact();
        var id = long.Parse(contact.Key);
        var current = new GrainState<TestContactState> { State = TestContactState.Sample("v1@example.com") };
        await WriteAsync(contact, current);
        var etag = current.ETag;
        var change = Copy(current, "v2@example.com");
        change.State.PendingTimeline.AddRange([Entry(id, "lead.identified"), Entry(id, "bad\0type")]);

        await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(contact, change));

        await AssertUnchangedAsync(contact, etag);
    }

    async Task AssertUnchangedAsync(GrainId contact, string? etag)
    {
        var read = await ReadAsync(contact);
        Assert.Equal("v1@example.com", read.State.Fields["email"]);
        Assert.Equal(etag, read.ETag);
        Assert.Equal(0, (await Log.ReadAsync(new EventQuery(long.Parse(contact.Key)), CancellationToken.None)).Total);
    }

    /// <summary>A trigger that makes this dialect's database refuse events of <paramref name="type"/>.</summary>
    protected abstract string RefuseEventTypeSql(string type);

    static TimelineEvent Entry(long contactId, string type) =>
        new(contactId, type, new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero), new Dictionary<string, string?> { ["at"] = "write" });

    [Theory]
    [InlineData("not-a-number")]
    [InlineData("007")]
    [InlineData("-5")]
    public async Task A_grain_key_that_is_not_a_contact_id_is_refused(string key)
    {
        var state = new GrainState<TestContactState> { State = TestContactState.Sample("ada@example.com") };

        await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(new GrainId("contact", key), state));
        await Assert.ThrowsAsync<ArgumentException>(() => ReadAsync(new GrainId("contact", key)));
    }
}

public sealed class SqliteContactTableStorageTests() : ContactTableStorageTests(StorageProvider.Sqlite)
{
    protected override string RefuseEventTypeSql(string type) => $"""
        CREATE TRIGGER refuse_event BEFORE INSERT ON contact_events WHEN NEW.event_type = '{type}'
        BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
        """;

    protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        Grains.Storage.Sql.StoredTimestamp.FromSqliteText(reader.GetString(ordinal));

    protected override string IndexCountSql(string name) => $"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '{name}' AND sql LIKE '%WHERE owner_id IS NOT NULL%'";
}

public sealed class PostgreSqlContactTableStorageTests() : ContactTableStorageTests(StorageProvider.PostgreSql)
{
    protected override string RefuseEventTypeSql(string type) => $"""
        CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.event_type = '{type}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER refuse_event BEFORE INSERT ON contact_events FOR EACH ROW EXECUTE FUNCTION refuse_event();
        """;

    protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    protected override string IndexCountSql(string name) => $"SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = '{name}' AND indexdef LIKE '%WHERE (owner_id IS NOT NULL)%'";
}
