using System.Net;
using Actors.Api.Tests.Cluster;
using Actors.Api.Tests.Infrastructure;
using Actors.Runtime.TestingHost;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Actors.Api.Tests.Ui.UiKeyRingTests;
using static Actors.Api.Tests.Ui.UiSessionTests;

namespace Actors.Api.Tests.Ui;

/// <summary>
/// Two API pods starting at the same moment on an empty key table: each reads the ring at start, finds it empty and
/// makes a key to use at once. They must end up using one key, or each refuses the other's cookies as soon as Data
/// Protection stops re-reading the ring for unknown keys (two minutes after start) until its daily refresh.
/// PostgreSQL only: that is where replicas share a database, and its table lock lets the test hold both reads until
/// both are waiting, so that both find the table empty.
/// </summary>
public sealed class PostgreSqlUiKeyRingRaceTests
{
    private static readonly TimeSpan WaitAtMost = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Replicas_starting_together_on_an_empty_key_table_use_one_key_and_accept_each_others_sessions()
    {
        var shared = TestStore.PostgreSql();
        await using var cluster = await TestCluster.StartAsync(ClusterDeployment.SiloOptions(shared, silos: 1));
        await using var first = ClientReplica(shared.Borrowed(), cluster);
        await using var second = ClientReplica(shared, cluster);

        await using (var gate = new NpgsqlConnection(shared.Settings["Storage:ConnectionString"]))
        {
            // A lock that holds reads too, so that both replicas read the ring only once both are waiting to.
            await gate.OpenAsync();
            await using var hold = await gate.BeginTransactionAsync();
            await using (var exclusive = new NpgsqlCommand("LOCK TABLE data_protection_keys IN ACCESS EXCLUSIVE MODE", gate, hold))
                await exclusive.ExecuteNonQueryAsync();
            var starting = Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));
            await WaitForWaitingReadersAsync(gate, hold, 2);
            await hold.RollbackAsync();
            await starting;
        }
        var firstCookies = new CookieContainer();
        var firstToken = await SignInAsync(first.CreateDefaultClient(new CookieContainerHandler(firstCookies)));
        var secondCookies = new CookieContainer();
        var secondToken = await SignInAsync(second.CreateDefaultClient(new CookieContainerHandler(secondCookies)));

        Assert.Single(first.Services.GetRequiredService<IKeyManager>().GetAllKeys());
        Assert.Equal(DefaultKeyOf(first), DefaultKeyOf(second));
        await AssertSessionWorksAsync(second.CreateDefaultClient(new CookieContainerHandler(firstCookies)), firstToken, "first-to-second@example.com");
        await AssertSessionWorksAsync(first.CreateDefaultClient(new CookieContainerHandler(secondCookies)), secondToken, "second-to-first@example.com");
    }

    private static Guid DefaultKeyOf(ApiFactory replica) => replica.Services.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing().DefaultKeyId;

    private static async Task WaitForWaitingReadersAsync(NpgsqlConnection gate, NpgsqlTransaction hold, int readers)
    {
        var deadline = DateTime.UtcNow + WaitAtMost;
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'data_protection_keys'::regclass", gate, hold);
        while ((long)(await waiting.ExecuteScalarAsync())! < readers)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{readers} replicas were not reading the key ring {WaitAtMost.TotalSeconds} s after they began to start.");
            await Task.Delay(50);
        }
    }
}
