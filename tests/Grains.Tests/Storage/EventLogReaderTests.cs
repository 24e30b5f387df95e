using Actors.Grains.Storage.Events;
using Actors.Runtime.Hosting;

namespace Actors.Grains.Tests.Storage;

/// <summary>Timeline reads and merges, alike on every store.</summary>
public abstract class EventLogReaderTests(StorageProvider provider) : StorageHost(provider)
{
    const long Contact = 1001, Loser = 2002;

    static readonly DateTimeOffset Start = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    static EventRecord At(long contact, string type, int minute) =>
        new(contact, type, Start.AddMinutes(minute), $$$"""{"minute":{{{minute}}}}""");

    static int[] Minutes(EventPage page) => [.. page.Events.Select(e => (int)(e.OccurredAt - Start).TotalMinutes)];

    [Fact]
    public async Task A_timeline_reads_newest_first_in_pages_with_the_total_and_ids_breaking_ties()
    {
        await Writer.AppendManyAsync([At(Contact, "page.hit", 1), At(Contact, "page.hit", 3), At(Contact, "lead.identified", 2)]);
        await Writer.AppendManyAsync([At(Contact, "page.hit", 3), At(Contact, "point.gained", 5), At(Loser, "page.hit", 4)]);

        var first = await Log.ReadAsync(new EventQuery(Contact) { Limit = 2 }, CancellationToken.None);
        var last = await Log.ReadAsync(new EventQuery(Contact) { Limit = 2, Page = 3 }, CancellationToken.None);

        Assert.Equal(5, first.Total);
        Assert.Equal([5, 3], Minutes(first));
        Assert.Equal([1], Minutes(last));
        var tied = (await Log.ReadAsync(new EventQuery(Contact), CancellationToken.None)).Events.Where(e => e.OccurredAt == Start.AddMinutes(3)).ToList();
        Assert.True(tied[0].Id > tied[1].Id);
    }

    [Fact]
    public async Task Type_filters_and_an_inclusive_time_range_narrow_the_timeline()
    {
        await Writer.AppendManyAsync([.. Enumerable.Range(0, 10).Select(m => At(Contact, m % 2 == 0 ? "page.hit" : "point.gained", m))]);

        var hits = await Log.ReadAsync(new EventQuery(Contact) { IncludeTypes = ["page.hit"] }, CancellationToken.None);
        var notHits = await Log.ReadAsync(new EventQuery(Contact) { ExcludeTypes = ["page.hit", "lead.create"] }, CancellationToken.None);
        var range = await Log.ReadAsync(new EventQuery(Contact) { From = Start.AddMinutes(3), To = Start.AddMinutes(6) }, CancellationToken.None);
        var both = await Log.ReadAsync(new EventQuery(Contact) { IncludeTypes = ["page.hit"], To = Start.AddMinutes(4) }, CancellationToken.None);

        Assert.Equal([8, 6, 4, 2, 0], Minutes(hits));
        Assert.Equal(5, notHits.Total);
        Assert.Equal([6, 5, 4, 3], Minutes(range));
        Assert.Equal([4, 2, 0], Minutes(both));
    }

    [Fact]
    public async Task Events_read_back_verbatim_in_utc_to_the_microsecond()
    {
        var at = new DateTimeOffset(2026, 11, 22, 10, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        const string payload = """{"hit":{"url":"https://example.com/?q=é✓","query":{"a":[1,2]}},"note":"\u0000 escaped"}""";
        await Writer.AppendAsync(new EventRecord(Contact, "page.hit", at, payload));

        var read = Assert.Single((await Log.ReadAsync(new EventQuery(Contact), CancellationToken.None)).Events);

        Assert.Equal(payload, read.PayloadJson);
        Assert.Equal("page.hit", read.EventType);
        Assert.Equal(TimeSpan.Zero, read.OccurredAt.Offset);
        Assert.Equal(at.UtcTicks - 7, read.OccurredAt.UtcTicks);
    }

    [Fact]
    public async Task Moving_events_gives_the_whole_history_to_the_winner_and_a_second_run_moves_nothing()
    {
        await Writer.AppendManyAsync([At(Contact, "page.hit", 2), At(Loser, "page.hit", 1), At(Loser, "lead.identified", 3), At(Loser, "page.hit", 5)]);

        var moved = await Log.MoveEventsAsync(Loser, Contact, CancellationToken.None);
        var movedAgain = await Log.MoveEventsAsync(Loser, Contact, CancellationToken.None);

        Assert.Equal(3, moved);
        Assert.Equal(0, movedAgain);
        var winner = await Log.ReadAsync(new EventQuery(Contact), CancellationToken.None);
        Assert.Equal([5, 3, 2, 1], Minutes(winner));
        Assert.Equal(0, (await Log.ReadAsync(new EventQuery(Loser), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task A_page_number_or_limit_below_one_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Log.ReadAsync(new EventQuery(Contact) { Page = 0 }, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Log.ReadAsync(new EventQuery(Contact) { Limit = 0 }, CancellationToken.None));
    }
}

public sealed class MemoryEventLogReaderTests() : EventLogReaderTests(StorageProvider.Memory);

public sealed class SqliteEventLogReaderTests() : EventLogReaderTests(StorageProvider.Sqlite);

public sealed class PostgreSqlEventLogReaderTests() : EventLogReaderTests(StorageProvider.PostgreSql);
