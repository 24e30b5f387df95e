using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Actors.Api.Tests.Infrastructure;
using Actors.Grains.Storage.Contacts.Query;
using Actors.Grains.Storage.Sql;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence.Migrations;
using Actors.Runtime.Persistence.Sqlite;
using Actors.Runtime.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Actors.Api.Tests.Lists;

/// <summary>
/// A list whose client leaves while its query runs stops that query, and the request ends as cancelled
/// (OperationCanceledException, which ASP.NET Core logs as the client leaving, not as an error). Each store holds the
/// query mid-way by its own means, so the test knows it runs before the client leaves, and can tell whether it ran on.
/// </summary>
public abstract class AbandonedListTests
{
    protected const int Rows = 300;

    /// <summary>A running list query held mid-way.</summary>
    protected interface IQueryHold : IAsyncDisposable
    {
        /// <summary>Completes once the query is running and held.</summary>
        Task Running { get; }

        /// <summary>Lets the query go on.</summary>
        Task ReleaseAsync();

        /// <summary>Read once the request has ended: whether its query stopped before running to its end.</summary>
        bool StoppedEarly { get; }
    }

    protected abstract ApiFactory Start(Action<IServiceCollection> services);

    protected abstract Task<IQueryHold> HoldAsync(ApiFactory api);

    protected virtual void AddServices(IServiceCollection services)
    {
    }

    [Fact]
    public async Task A_search_whose_client_leaves_stops_its_query_and_ends_as_cancelled()
    {
        var watch = new RequestWatch("/api/contacts");
        var log = new RecordingLoggerProvider();
        await using var api = Start(services =>
        {
            services.AddSingleton<IStartupFilter>(watch);
            services.AddSingleton<ILoggerProvider>(log);
            AddServices(services);
        });
        var client = api.ApiClient();
        for (var first = 0; first < Rows; first += 150)
        {
            var body = "[" + string.Join(",", Enumerable.Range(first, 150).Select(i => $$"""{"firstname":"Ann{{i}}","email":"ann{{i}}@example.com"}""")) + "]";
            (await client.PostAsync("/api/contacts/batch/new", new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }
        await using var hold = await HoldAsync(api);
        using var leave = new CancellationTokenSource();

        var request = client.GetAsync("/api/contacts?search=ann&limit=0", leave.Token);
        await hold.Running;
        leave.Cancel();
        await watch.Aborted.Task;
        await hold.ReleaseAsync();
        var (failure, status) = await watch.Ended.Task;

        Assert.True(hold.StoppedEarly, "The query ran on after its client had left.");
        // The cancellation reaches the server as the client leaving: Kestrel, or in Development the exception page
        // (which answers 499 and logs it at Debug), takes it as that and logs no error.
        Assert.True(failure is OperationCanceledException || failure is null && status == StatusCodes.Status499ClientClosedRequest, $"{status} {failure}");
        Assert.DoesNotContain(log.Lines, line => line.Level >= LogLevel.Error);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
    }

    /// <summary>Tells when the watched request's client has left, and how the request ended: what it threw, and its status.</summary>
    private sealed class RequestWatch(string path) : IStartupFilter
    {
        public TaskCompletionSource Aborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<(Exception? Failure, int Status)> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != path || context.Request.Method != "GET")
                {
                    await nextMiddleware();
                    return;
                }
                using var left = context.RequestAborted.Register(() => Aborted.TrySetResult());
                try
                {
                    await nextMiddleware();
                    Ended.TrySetResult((null, context.Response.StatusCode));
                }
                catch (Exception failure)
                {
                    Ended.TrySetResult((failure, context.Response.StatusCode));
                    throw;
                }
            });
            next(app);
        };
    }
}

/// <summary>
/// SQLite runs a statement synchronously, so the hold is inside it: the list reads through a store whose connections
/// carry a unicode_lower (the function every search compares with) that blocks on its first call and then notes the
/// values it is given. A query that stops sees a few more rows at most; one that runs on sees every row.
/// </summary>
public sealed class SqliteAbandonedListTests : AbandonedListTests
{
    private readonly LowerGate _gate = new();

    protected override ApiFactory Start(Action<IServiceCollection> services) => new(TestStore.Sqlite(), services: services);

    protected override void AddServices(IServiceCollection services) =>
        services.AddSingleton(sp => new ContactListReader(new GatedStore(sp.GetRequiredService<SqliteStore>(),
            sp.GetRequiredKeyedService<GroupCommitWriter>(SqlDialect.Sqlite), _gate)));

    protected override Task<IQueryHold> HoldAsync(ApiFactory api)
    {
        _gate.Arm();
        return Task.FromResult<IQueryHold>(_gate);
    }

    private sealed class LowerGate : IQueryHold
    {
        private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _released = new();
        private readonly ConcurrentDictionary<string, bool> _seenAfterRelease = new();
        private int _armed;

        public Task Running => _running.Task;

        public void Arm() => Volatile.Write(ref _armed, 1);

        public void Saw(string value)
        {
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                _running.TrySetResult();
                _released.Wait();
            }
            else if (_released.IsSet)
                _seenAfterRelease.TryAdd(value, true);
        }

        public Task ReleaseAsync()
        {
            _released.Set();
            return Task.CompletedTask;
        }

        /// <summary>Whether the query stopped: each row gives two values (first name and email), so one that ran on gives about 2 × Rows.</summary>
        public bool StoppedEarly => _seenAfterRelease.Count < Rows;

        public ValueTask DisposeAsync()
        {
            _released.Set();
            return ValueTask.CompletedTask;
        }

        public readonly SQLitePCL.delegate_function_scalar Lower = (context, state, values) =>
        {
            if (SQLitePCL.raw.sqlite3_value_type(values[0]) == SQLitePCL.raw.SQLITE_NULL)
            {
                SQLitePCL.raw.sqlite3_result_null(context);
                return;
            }
            var text = SQLitePCL.raw.sqlite3_value_text(values[0]).utf8_to_string();
            ((LowerGate)state).Saw(text);
            SQLitePCL.raw.sqlite3_result_text(context, LowerCase.Of(text));
        };
    }

    /// <summary>The real store, except that its connections compare through the gate's unicode_lower.</summary>
    private sealed class GatedStore(SqliteStore inner, GroupCommitWriter writer, LowerGate gate) : SqlStore(writer)
    {
        public override SqlDialect Dialect => inner.Dialect;

        public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
        {
            var connection = (SqliteConnection)await inner.OpenAsync(cancellationToken);
            SQLitePCL.raw.sqlite3_create_function(connection.Handle!, SqliteDatabase.LowerFunction, 1,
                SQLitePCL.raw.SQLITE_UTF8 | SQLitePCL.raw.SQLITE_DETERMINISTIC, gate, gate.Lower);
            return connection;
        }

        public override IDisposable? StopOnCancel(DbConnection connection, CancellationToken cancellationToken) => inner.StopOnCancel(connection, cancellationToken);

        protected override bool IsStopped(Exception failure) => SqliteStatementCancellation.Stopped(failure);

        public override Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> write, CancellationToken cancellationToken) => inner.WriteAsync(write, cancellationToken);

        public override object ToDbTimestamp(DateTimeOffset value) => inner.ToDbTimestamp(value);

        public override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) => inner.ReadTimestamp(reader, ordinal);
    }
}

/// <summary>
/// PostgreSQL: the test's own transaction locks the contacts table, so the list's count waits on that lock, which
/// pg_stat_activity shows. A query that stops leaves the lock's queue while the lock is still held; one that runs on
/// waits there until the lock goes.
/// </summary>
public sealed class PostgreSqlAbandonedListTests : AbandonedListTests
{
    protected override ApiFactory Start(Action<IServiceCollection> services) => new(TestStore.PostgreSql(), services: services);

    protected override async Task<IQueryHold> HoldAsync(ApiFactory api)
    {
        var connection = new NpgsqlConnection(api.Store.Settings["Storage:ConnectionString"]);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE contacts IN ACCESS EXCLUSIVE MODE", connection, transaction))
            await command.ExecuteNonQueryAsync();
        await using var pid = new NpgsqlCommand("SELECT pg_backend_pid()", connection, transaction);
        return new LockHold(connection, transaction, (int)(await pid.ExecuteScalarAsync())!);
    }

    private sealed class LockHold(NpgsqlConnection connection, NpgsqlTransaction transaction, int holder) : IQueryHold
    {
        // Polled: PostgreSQL tells no one when a backend starts or stops waiting. The bound only ends a test that would hang.
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

        public Task Running => WaitAsync(waiting: true);

        public bool StoppedEarly { get; private set; }

        /// <summary>Waits for the list's count to leave the lock's queue, which only its cancellation makes it do, then lets the lock go.</summary>
        public async Task ReleaseAsync()
        {
            try
            {
                await WaitAsync(waiting: false);
                StoppedEarly = true;
            }
            catch (TimeoutException)
            {
                StoppedEarly = false;
            }
            finally
            {
                await transaction.RollbackAsync();
            }
        }

        private async Task WaitAsync(bool waiting)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (await ListCountWaitsAsync() != waiting)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"The list's count {(waiting ? "never waited" : "still waits")} on the test's lock.");
                await Task.Delay(20);
            }
        }

        private async Task<bool> ListCountWaitsAsync()
        {
            // pg_stat_activity is read once per transaction unless its snapshot is cleared, and this one stays open.
            await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", connection, transaction))
                await clear.ExecuteNonQueryAsync();
            await using var command = new NpgsqlCommand(
                "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE @holder = ANY (pg_blocking_pids(pid)) AND query LIKE 'SELECT count(*) FROM contacts %')",
                connection, transaction);
            command.Parameters.AddWithValue("holder", holder);
            return (bool)(await command.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
