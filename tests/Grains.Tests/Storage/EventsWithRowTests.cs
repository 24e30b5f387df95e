using Actors.Grains.Storage.Events;
using Actors.Grains.Storage.Events.Sql;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence.Migrations;

namespace Actors.Grains.Tests.Storage;

/// <summary>The statement text a row's write takes on with its events; that both land together is proven on the stores.</summary>
public sealed class EventsWithRowTests
{
    const string RowSql = "UPDATE contacts SET version = version + 1 WHERE id = @id AND version = @version RETURNING version";

    [Fact]
    public void Writes_of_one_row_statement_share_one_postgresql_text_built_once()
    {
        var first = EventsWithRow.Attach(SqlDialect.PostgreSql, new WriteStatement(RowSql), [Hit(1)]);
        var second = EventsWithRow.Attach(SqlDialect.PostgreSql, new WriteStatement(RowSql), [Hit(2), Hit(3)]);

        Assert.Same(first.Sql, second.Sql);
        Assert.StartsWith($"WITH stored AS ({RowSql}), appended AS (", first.Sql);
    }

    static EventRecord Hit(long contact) => new(contact, "page.hit", DateTimeOffset.UnixEpoch, "{}");
}
