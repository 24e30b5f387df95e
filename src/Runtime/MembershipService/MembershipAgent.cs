using Actors.Runtime.Membership;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.MembershipService;

/// <summary>
/// Runs the membership protocol with the host (Orleans's MembershipAgent).
///
/// Join, once the host has started (so the silo port already answers pings): insert the row as Joining, then probe
/// every Active non-stale silo, retrying every ProbeTimeout until all answer or MaxJoinAttemptTime passes (then the
/// start fails, saying which silos it could not reach), then write Active. While running: a heartbeat every
/// IAmAliveTablePublishTimeout, a full table read every TableRefreshTimeout, probes every ProbeTimeout, and the
/// defunct-row cleanup every DefunctSiloCleanupPeriod. A failing table is logged and retried at the next period;
/// the silo keeps serving meanwhile, as in Orleans.
///
/// Graceful stop: ShuttingDown is written before the catalog deactivates (so peers route new calls away and the
/// silo forwards what is still queued), Dead after. After a crash (or a fatal error) nothing is written.
/// </summary>
internal sealed class MembershipAgent(
    MembershipTableManager membership,
    ClusterHealthMonitor monitor,
    IOptions<ClusterMembershipOptions> options,
    SiloCrash crash,
    MembershipLog log,
    TimeProvider time) : IHostedLifecycleService
{
    private readonly ClusterMembershipOptions _options = options.Value;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await membership.JoinAsync(cancellationToken);
        await WaitForConnectivityAsync(cancellationToken);
        await membership.UpdateStatusAsync(SiloStatus.Active);
        if (membership.LocalStatus != SiloStatus.Active)
            throw new Hosting.SiloStartupException($"Silo {membership.Local.Address} could not become Active in the membership table.");

        var token = _stopping.Token;
        _loops.Add(Every(_options.IAmAliveTablePublishTimeout, membership.HeartbeatAsync, token));
        _loops.Add(Every(_options.TableRefreshTimeout, membership.RefreshAsync, token));
        _loops.Add(Every(_options.ProbeTimeout, () => monitor.ProbeOnceAsync(token), token));
        _loops.Add(Every(_options.DefunctSiloCleanupPeriod, membership.CleanupDefunctAsync, token));
    }

    private async Task WaitForConnectivityAsync(CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + _options.MaxJoinAttemptTime;
        while (true)
        {
            var now = time.GetUtcNow();
            var others = membership.Snapshot.Rows
                .Where(r => r.Entry.Status == SiloStatus.Active && r.Entry.Silo != membership.Local.Address && now - r.Entry.IAmAliveTime <= _options.StaleAfter)
                .Select(r => r.Entry.Silo);
            var unreachable = await monitor.UnreachableAsync(others, cancellationToken);
            if (unreachable.Count == 0)
                return;
            if (time.GetUtcNow() >= deadline)
                throw new Hosting.SiloStartupException($"Silo {membership.Local.Address} could not reach {string.Join(", ", unreachable)} within ClusterMembership:MaxJoinAttemptTime ({_options.MaxJoinAttemptTime}).");
            log.JoinProbeFailed(string.Join(", ", unreachable));
            await Task.Delay(_options.ProbeTimeout, time, cancellationToken);
            await membership.RefreshAsync();
        }
    }

    private async Task Every(TimeSpan period, Func<Task> action, CancellationToken token)
    {
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(token) && !crash.IsCrashed)
            {
                try
                {
                    await action();
                }
                catch (Exception exception) when (!token.IsCancellationRequested)
                {
                    log.TableOperationFailed(exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The silo is stopping.
        }
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (crash.IsCrashed)
            return;
        membership.BeginStopping();
        await Ignoring(() => membership.UpdateStatusAsync(SiloStatus.ShuttingDown));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_loops);
        if (!crash.IsCrashed)
            await Ignoring(() => membership.UpdateStatusAsync(SiloStatus.Dead));
    }

    private async Task Ignoring(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception exception)
        {
            log.TableOperationFailed(exception);
        }
    }
}
