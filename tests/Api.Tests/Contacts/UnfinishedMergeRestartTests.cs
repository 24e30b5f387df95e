using System.Net;
using Actors.Api.Tests.Infrastructure;
using Actors.Grains.Storage.Sql;
using Actors.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// A merge answered 503 finishes on its own even when the process dies right after the answer: the next start finds the
/// winner through its stored intent and activates it, though no one asks for the winner.
/// </summary>
public abstract class UnfinishedMergeRestartTests(Func<TestStore> store)
{
    private static readonly TimeSpan WaitAtMost = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_merge_answered_503_finishes_after_a_restart_without_anyone_touching_the_winner()
    {
        await using var shared = store();
        var (winnerWrite, loserSurrender, log) = (new GrainWriteGate(), new GrainWriteGate(), new RecordingLoggerProvider());
        var before = new ApiFactory(shared.Borrowed(), services: services =>
        {
            winnerWrite.Install(services);
            loserSurrender.Install(services);
            services.AddSingleton<ILoggerProvider>(log);
        });
        var winner = await Create(before, """{"email":"w@example.com","tags":"w"}""");
        var loser = await Create(before, """{"email":"l@example.com","tags":"l"}""");
        var absorbed = await Create(before, """{"email":"x@example.com","tags":"x"}""");
        // W <- L stores its intent while L is absorbing X (stopped in X's surrender), so W's answer is the 503.
        var (recorded, intoLoser) = await ContactMergeTests.MergeWhileLoserAbsorbsAsync(before, (winner, winnerWrite), loser, (absorbed, loserSurrender));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, recorded.Response.StatusCode);
        Assert.Equal([winner, loser], await PendingMergesAsync(before));

        // The process dies: W is deactivated with its intent stored, and X's surrender never lands, so L's merge is
        // cut short too. Neither can finish before the stop, as W waits for L and L for X.
        var stopping = before.DisposeAsync().AsTask();
        await Eventually.WaitUntilAsync(() => Task.FromResult(log.Lines.Any(line => line.Message.StartsWith("Silo stopping", StringComparison.Ordinal))), WaitAtMost);
        loserSurrender.Abandon();
        await stopping;
        await Task.WhenAny(intoLoser);

        await using var after = new ApiFactory(shared.Borrowed());
        // Only L is read (its id resolves through its own tombstone): W is never asked for until L leads to it.
        await Eventually.WaitUntilAsync(async () =>
            (await Send(after, HttpMethod.Get, $"/api/contacts/{loser}", "")).Body["contact"]?["id"]?.GetValue<long>() == winner, WaitAtMost);
        var (_, merged) = await Send(after, HttpMethod.Get, $"/api/contacts/{winner}", "");
        Assert.Equal(["l", "w", "x"], merged["contact"]!["tags"]!.AsArray().Select(tag => (string)tag!["tag"]!).Order());
        Assert.Equal(winner, (long)(await Send(after, HttpMethod.Get, $"/api/contacts/{absorbed}", "")).Body["contact"]!["id"]!);
        Assert.Empty(await PendingMergesAsync(after));
    }

    /// <summary>The contacts whose row names a merge they recorded and have not finished.</summary>
    private static async Task<List<long>> PendingMergesAsync(ApiFactory api)
    {
        SqlStore sql = api.Store.Settings["Storage:Provider"] == "Sqlite"
            ? api.Services.GetRequiredService<SqliteStore>()
            : api.Services.GetRequiredService<PostgreSqlStore>();
        await using var connection = await sql.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM contacts WHERE pending_merge IS NOT NULL ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var winners = new List<long>();
        while (await reader.ReadAsync())
            winners.Add(reader.GetInt64(0));
        return winners;
    }
}

public sealed class SqliteUnfinishedMergeRestartTests() : UnfinishedMergeRestartTests(TestStore.Sqlite);

public sealed class PostgreSqlUnfinishedMergeRestartTests() : UnfinishedMergeRestartTests(TestStore.PostgreSql);
