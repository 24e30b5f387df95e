namespace Actors.Runtime.Membership.Redis;

/// <summary>
/// The Lua scripts that make the table's conditional writes atomic. Redis runs a script with nothing interleaved,
/// so a check and the write it guards cannot be separated by another silo's write. (WATCH/MULTI/EXEC would need a
/// connection of its own per write; the client shares one connection among all callers.)
/// </summary>
internal static class RedisMembershipScripts
{
    /// <summary>
    /// KEYS[1] the hash; ARGV: expected version, new version, silo field, new value, row ETag expected ("" for an
    /// insert, which requires the row to be absent). Answers 1 when written, 0 when refused.
    /// </summary>
    public const string VersionedWrite = """
        local version = redis.call('HGET', KEYS[1], 'Version') or '0'
        if version ~= ARGV[1] then return 0 end
        local row = redis.call('HGET', KEYS[1], ARGV[3])
        if ARGV[5] == '' then
          if row then return 0 end
        else
          if not row or cjson.decode(row)['etag'] ~= ARGV[5] then return 0 end
        end
        redis.call('HSET', KEYS[1], 'Version', ARGV[2], ARGV[3], ARGV[4])
        return 1
        """;

    /// <summary>
    /// KEYS[1] the hash; ARGV: silo field, the new heartbeat time as a JSON value. Replaces the row's
    /// "iAmAliveTime" in place, so nothing else of the row is re-encoded; the property cannot occur inside a string
    /// value, where the serializer escapes every quote. Answers 0 when the silo has no row.
    /// </summary>
    public const string Heartbeat = """
        local row = redis.call('HGET', KEYS[1], ARGV[1])
        if not row then return 0 end
        local updated = string.gsub(row, '"iAmAliveTime":"[^"]*"', function() return '"iAmAliveTime":' .. ARGV[2] end, 1)
        redis.call('HSET', KEYS[1], ARGV[1], updated)
        return 1
        """;

    /// <summary>
    /// KEYS[1] the hash; ARGV: silo field, the value read, the value to store ("" deletes the field). Answers 1 when
    /// the field still held the value read and was replaced, 0 otherwise; the version is not touched.
    /// </summary>
    public const string CompareAndSet = """
        if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
        if ARGV[3] == '' then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) end
        return 1
        """;
}
