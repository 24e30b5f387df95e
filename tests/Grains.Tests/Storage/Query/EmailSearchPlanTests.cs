using Actors.Grains.Storage.Contacts.Query;
using Actors.Grains.Storage.Sql;
using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence.Migrations;

namespace Actors.Grains.Tests.Storage.Query;

/// <summary>
/// An email search must reach its contacts through an index: at a million contacts a scan is the difference
/// between milliseconds and seconds. Each test asks the database's own planner how it would run the search.
/// </summary>
public abstract class EmailSearchPlanTests(StorageProvider provider) : StorageHost(provider)
{
    SqlStore Store => Database.Provider == StorageProvider.Sqlite ? Service<SqliteStore>() : Service<PostgreSqlStore>();

    [Theory]
    [InlineData("email:jim")]
    [InlineData("email:jim OR email:bob")]
    public async Task An_email_prefix_search_uses_the_email_index(string search)
    {
        var plan = await PlanAsync(search);

        Assert.Contains("contacts_email", plan);
        // A seek on the index, not a scan of all of it with the LIKE as a filter.
        Assert.Contains(Database.Provider == StorageProvider.Sqlite ? "SEARCH contacts USING" : "Index Cond", plan);
    }

    [Theory]
    [InlineData(Comparison.Eq, "Ü@x.test")]
    [InlineData(Comparison.In, "Ü@x.test,b@x.test")]
    public async Task An_email_comparison_that_ignores_the_case_of_every_letter_uses_the_email_index(Comparison comparison, string values)
    {
        var plan = await PlanAsync(new Condition(ContactColumns.Column("email")!, comparison, values.Split(',')));

        Assert.Contains("contacts_email", plan);
        Assert.Contains(Database.Provider == StorageProvider.Sqlite ? "SEARCH contacts USING" : "Index Cond", plan);
    }

    Task<string> PlanAsync(string search) => PlanAsync(SearchStringParser.Parse(search, [], currentUserId: null));

    async Task<string> PlanAsync(ContactFilter filter)
    {
        var store = Store;
        var translation = new ContactFilterSql(store);
        var where = translation.Where(filter);
        await using var connection = await store.OpenAsync(CancellationToken.None);
        if (store.Dialect == SqlDialect.PostgreSql)
        {
            // An empty table is cheapest to scan; forbid that so the plan shows whether an index can serve.
            await using var noScan = connection.CreateCommand();
            noScan.CommandText = "SET enable_seqscan = off";
            await noScan.ExecuteNonQueryAsync();
        }
        await using var explain = connection.CreateCommand();
        explain.CommandText = (store.Dialect == SqlDialect.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ")
            + $"SELECT id FROM contacts WHERE {where}";
        foreach (var (name, value) in translation.Parameters)
            explain.AddParameter(name, value);
        await using var reader = await explain.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
            lines.Add(reader.GetValue(reader.FieldCount - 1)?.ToString() ?? "");
        return string.Join("\n", lines);
    }
}

public sealed class SqliteEmailSearchPlanTests() : EmailSearchPlanTests(StorageProvider.Sqlite);

public sealed class PostgreSqlEmailSearchPlanTests() : EmailSearchPlanTests(StorageProvider.PostgreSql);
