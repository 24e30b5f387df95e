using System.Data.Common;
using Actors.Grains.Storage.Events;
using Actors.Grains.Storage.Events.Sql;
using Actors.Runtime.Hosting;

namespace Actors.Grains.Tests.Storage;

/// <summary>Group commit against a real database: what the writer acknowledges is committed, and failures reach their callers.</summary>
public abstract class EventLogWriterTests(StorageProvider provider) : StorageHost(provider)
{
    static long nextContact = Random.Shared.NextInt64(1, 1L << 40);

    static long NewContact() => Interlocked.Increment(ref nextContact);

    static EventRecord Hit(long contact, int n = 0) =>
        new(contact, "page.hit", DateTimeOffset.UtcNow, $$$"""{"hit":{"url":"https://example.com/{{{n}}}","title":"é✓"}}""");

    [Fact]
    public async Task Two_thousand_concurrent_appends_share_far_fewer_transactions_than_records()
    {
        var contact = NewContact();
        var batchesBefore = Writer.CommittedBatches;

        await Task.WhenAll(Enumerable.Range(0, 2_000).Select(n => Task.Run(() => Writer.AppendAsync(Hit(contact, n)))));

        var batches = Writer.CommittedBatches - batchesBefore;
        Assert.Equal(2_000, await Database.CountAsync($"SELECT count(*) FROM contact_events WHERE contact_id = {contact}"));
        Assert.InRange(batches, 1, 2_000 / 10);
    }

    [Fact]
    public async Task Every_awaited_append_is_readable_from_a_fresh_connection_as_soon_as_it_completes()
    {
        var unseen = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(async () =>
        {
            var contact = NewContact();
            await Writer.AppendAsync(Hit(contact));
            return await Database.CountAsync($"SELECT count(*) FROM contact_events WHERE contact_id = {contact}") == 1 ? 0 : 1;
        })));

        Assert.Equal(0, unseen.Sum());
    }

    [Fact]
    public async Task A_failing_batch_fails_every_caller_in_it_and_the_writer_goes_on_with_the_next()
    {
        var contact = NewContact();
        await Database.ExecuteAsync("ALTER TABLE contact_events RENAME TO contact_events_away");

        var failed = Enumerable.Range(0, 50).Select(n => Writer.AppendAsync(Hit(contact, n))).ToList();
        foreach (var append in failed)
            await Assert.ThrowsAnyAsync<DbException>(() => append);

        await Database.ExecuteAsync("ALTER TABLE contact_events_away RENAME TO contact_events");
        await Writer.AppendAsync(Hit(contact, 50));
        Assert.Equal(1, await Database.CountAsync($"SELECT count(*) FROM contact_events WHERE contact_id = {contact}"));
    }

    [Fact]
    public async Task Appending_many_commits_them_together_in_one_transaction()
    {
        var contact = NewContact();
        var batchesBefore = Writer.CommittedBatches;

        await Writer.AppendManyAsync([.. Enumerable.Range(0, 1_500).Select(n => Hit(contact, n))]);

        Assert.Equal(1, Writer.CommittedBatches - batchesBefore);
        Assert.Equal(1_500, await Database.CountAsync($"SELECT count(*) FROM contact_events WHERE contact_id = {contact}"));
    }

    [Fact]
    public async Task A_batch_large_enough_for_copy_stores_every_value_exactly_and_a_failing_one_stores_nothing()
    {
        var contact = NewContact();
        var start = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(2));
        var records = Enumerable.Range(0, PostgreSqlEventLog.CopyFromRows)
            .Select(n => new EventRecord(contact, n % 2 == 0 ? "page.hit" : "lead.tagsupdated", start.AddTicks(n * 10),
                $$$"""{"n":{{{n}}},"text":"é✓ \"quoted\" 😀"}"""))
            .ToArray();

        await Writer.AppendManyAsync(records);
        var refused = records.Select(r => r with { ContactId = NewContact(), EventType = new string('x', 10) }).ToArray();
        await Database.ExecuteAsync("ALTER TABLE contact_events RENAME TO contact_events_away");
        await Assert.ThrowsAnyAsync<DbException>(() => Writer.AppendManyAsync(refused));
        await Database.ExecuteAsync("ALTER TABLE contact_events_away RENAME TO contact_events");

        var stored = await Log.ReadAsync(new EventQuery(contact) { Limit = records.Length }, CancellationToken.None);
        Assert.Equal(records.Length, stored.Total);
        Assert.Equal(
            records.Reverse().Select(r => (r.EventType, r.OccurredAt.UtcDateTime, r.PayloadJson)),
            stored.Events.Select(e => (e.EventType, e.OccurredAt.UtcDateTime, e.PayloadJson)));
        Assert.Equal(0, await Database.CountAsync($"SELECT count(*) FROM contact_events WHERE event_type = '{refused[0].EventType}'"));
    }

    [Fact]
    public async Task Stopping_commits_everything_queued_and_then_refuses_new_events()
    {
        var contact = NewContact();
        var queued = Enumerable.Range(0, 500).Select(n => Writer.AppendAsync(Hit(contact, n))).ToList();

        await Writer.StopAsync(CancellationToken.None);

        Assert.All(queued, append => Assert.True(append.IsCompletedSuccessfully));
        Assert.Equal(500, await Database.CountAsync($"SELECT count(*) FROM contact_events WHERE contact_id = {contact}"));
        Assert.Throws<InvalidOperationException>(() => { _ = Writer.AppendAsync(Hit(contact)); });
    }

    [Fact]
    public async Task A_record_the_database_would_refuse_is_refused_alone_before_it_is_queued()
    {
        var contact = NewContact();

        Assert.Throws<ArgumentException>(() => { _ = Writer.AppendAsync(new EventRecord(contact, "page.hit", DateTimeOffset.UtcNow, "{\"a\":\"\0\"}")); });
        Assert.Throws<ArgumentException>(() => { _ = Writer.AppendAsync(new EventRecord(contact, " ", DateTimeOffset.UtcNow, "{}")); });
        await Writer.AppendAsync(Hit(contact));

        Assert.Equal(1, await Database.CountAsync($"SELECT count(*) FROM contact_events WHERE contact_id = {contact}"));
    }
}

public sealed class SqliteEventLogWriterTests() : EventLogWriterTests(StorageProvider.Sqlite);

public sealed class PostgreSqlEventLogWriterTests() : EventLogWriterTests(StorageProvider.PostgreSql);
