using Actors.Runtime.Membership;
using Actors.Runtime.Membership.Redis;
using Actors.Runtime.Redis;

namespace Actors.Cluster.Failover;

/// <summary>Reads the Redis membership table until the killed silo's row says Dead.</summary>
public static class DeathWatch
{
    public static async Task<bool> WaitForDeadAsync(FailoverOptions options, TimeSpan limit)
    {
        await using var redis = new RedisConnection(RedisClientOptions.Parse(options.RedisConnectionString));
        var table = new RedisMembershipTable(redis, options.ClusterId);
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var data = await table.ReadAll();
            if (data.Rows.Any(row => row.Entry.Silo.Port == options.VictimSiloPort && row.Entry.Status == SiloStatus.Dead))
                return true;
            await Task.Delay(50);
        }
        return false;
    }
}
