using System.Globalization;
using Actors.Runtime.Redis;

namespace Actors.Runtime.Membership.Redis;

/// <summary>
/// The membership table in Redis, laid out as Orleans's Redis provider lays it out: one hash per cluster, key
/// <c>actors/members/{clusterId}</c>, with the field "Version" holding the table version and one field per silo
/// (its address text) holding <see cref="RedisMembershipDocument"/> JSON. A single HGETALL or HMGET reads rows and
/// version together; versioned writes and heartbeats are Lua scripts (<see cref="RedisMembershipScripts"/>).
/// A heartbeat rewrites only the row's alive time, inside Redis, so it can never undo a versioned write.
/// </summary>
public sealed class RedisMembershipTable(RedisConnection redis, string clusterId) : IMembershipTable
{
    public const string KeyPrefix = "actors/members/";

    private const string VersionField = "Version";

    private readonly string _key = KeyPrefix + clusterId;

    private string Store => $"Redis at {redis.Options.Endpoint}";

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        Run(() => redis.ExecuteAsync(new RedisCommand("HSETNX", _key, VersionField, 0), cancellationToken));

    public Task<MembershipTableData> ReadRow(SiloAddress silo) => Run(async () =>
    {
        var values = (await redis.ExecuteAsync("HMGET", _key, VersionField, silo.ToString())).AsArray()!;
        var row = values[1].AsString();
        return new MembershipTableData(row is null ? [] : [RedisMembershipDocument.Deserialize(row)], ParseVersion(values[0].AsString()));
    });

    public Task<MembershipTableData> ReadAll() => Run(async () =>
    {
        var fields = (await redis.ExecuteAsync("HGETALL", _key)).AsArray()!;
        string? version = null;
        var rows = new List<MembershipRow>();
        for (var i = 0; i + 1 < fields.Count; i += 2)
        {
            if (fields[i].AsString() == VersionField)
                version = fields[i + 1].AsString();
            else
                rows.Add(RedisMembershipDocument.Deserialize(fields[i + 1].AsString()!));
        }
        return new MembershipTableData(rows, ParseVersion(version));
    });

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => VersionedWrite(entry, "", tableVersion);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        // An empty ETag means "insert" to the script; no stored row has one, so it can never match an update.
        string.IsNullOrEmpty(etag) ? Task.FromResult(false) : VersionedWrite(entry, etag, tableVersion);

    public Task UpdateIAmAlive(MembershipEntry entry) => Run(async () =>
    {
        var reply = await redis.ExecuteAsync("EVAL", RedisMembershipScripts.Heartbeat, 1, _key, entry.Silo.ToString(),
            RedisMembershipDocument.SerializeTime(entry.IAmAliveTime));
        if (reply.AsInt64() == 0)
            throw new InvalidOperationException($"Silo {entry.Silo} has no row in the membership table.");
    });

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => Run(async () =>
    {
        var fields = (await redis.ExecuteAsync("HGETALL", _key)).AsArray()!;
        for (var i = 0; i + 1 < fields.Count; i += 2)
        {
            var field = fields[i].AsString()!;
            if (field == VersionField)
                continue;
            var value = fields[i + 1].AsString()!;
            var entry = RedisMembershipDocument.Deserialize(value).Entry;
            // Deleted only if unchanged since read: a row that was written meanwhile is judged again next time.
            if (entry.Status == SiloStatus.Dead && entry.IAmAliveTime < beforeDate)
                await CompareAndSet(field, value, "");
        }
    });

    public Task DeleteMembershipTableEntries() => Run(() => redis.ExecuteAsync("DEL", _key));

    private Task<bool> VersionedWrite(MembershipEntry entry, string etag, TableVersion tableVersion) => Run(async () =>
    {
        var reply = await redis.ExecuteAsync("EVAL", RedisMembershipScripts.VersionedWrite, 1, _key,
            tableVersion.Version - 1L, tableVersion.Version, entry.Silo.ToString(), RedisMembershipDocument.Serialize(entry, tableVersion.ETag), etag);
        return reply.AsInt64() == 1;
    });

    private async Task<bool> CompareAndSet(string field, string read, string replacement) =>
        (await redis.ExecuteAsync("EVAL", RedisMembershipScripts.CompareAndSet, 1, _key, field, read, replacement)).AsInt64() == 1;

    private static TableVersion ParseVersion(string? text)
    {
        var version = text is null ? 0 : int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return new TableVersion(version, version.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Connection failures and timeouts become <see cref="MembershipTableUnavailableException"/> naming the server.</summary>
    private async Task<T> Run<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            throw new MembershipTableUnavailableException(Store, exception);
        }
    }

    private Task Run(Func<Task> operation) => Run(async () =>
    {
        await operation();
        return true;
    });
}
