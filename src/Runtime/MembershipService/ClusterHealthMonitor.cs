using System.Collections.Concurrent;
using Actors.Runtime.Membership;
using Actors.Runtime.Placement;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.MembershipService;

/// <summary>
/// The failure detector (Orleans's ClusterHealthMonitor and SiloHealthMonitor). Every ProbeTimeout the silo pings
/// up to NumProbedSilos other Active silos directly, over the messaging connection; a ping counts only if that
/// exact generation answers within ProbeTimeout. After NumMissedProbesLimit consecutive misses the silo votes the
/// target dead in the table, and votes again on every further miss so its vote stays fresh. A success resets the
/// count. Targets are the other silos ordered by a hash of (this silo, that silo), so each silo watches a different
/// subset and every silo is watched by about NumProbedSilos others.
/// </summary>
internal sealed class ClusterHealthMonitor(
    MembershipTableManager membership, ISiloProber prober, IOptions<ClusterMembershipOptions> options, MembershipLog log)
{
    private readonly ClusterMembershipOptions _options = options.Value;
    private readonly ConcurrentDictionary<SiloAddress, int> _missed = new();

    /// <summary>The silos this silo probes under the current view.</summary>
    public IReadOnlyList<SiloAddress> Targets()
    {
        var local = membership.Local.Address.ToString();
        return [.. membership.CurrentView.ActiveSilos
            .Where(s => s != membership.Local.Address)
            .OrderBy(s => StableHash.Of(local + "|" + s))
            .Take(_options.NumProbedSilos)];
    }

    /// <summary>Probes every target once, concurrently, and votes on those that missed too often.</summary>
    public async Task ProbeOnceAsync(CancellationToken cancellationToken)
    {
        var targets = Targets();
        foreach (var gone in _missed.Keys.Except(targets))
            _missed.TryRemove(gone, out _);
        await Task.WhenAll(targets.Select(target => ProbeAsync(target, cancellationToken)));
    }

    private async Task ProbeAsync(SiloAddress target, CancellationToken cancellationToken)
    {
        bool answered;
        try
        {
            answered = await prober.ProbeAsync(target, _options.ProbeTimeout, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            answered = false;
        }
        if (cancellationToken.IsCancellationRequested)
            return;
        if (answered)
        {
            _missed.TryRemove(target, out _);
            return;
        }
        var missed = _missed.AddOrUpdate(target, 1, (_, count) => count + 1);
        log.ProbeMissed(target, missed);
        if (missed >= _options.NumMissedProbesLimit && await membership.TrySuspectOrKillAsync(target))
            _missed.TryRemove(target, out _);
    }

    /// <summary>Probes each silo once: the join check that every Active, non-stale silo can be reached.</summary>
    public async Task<IReadOnlyList<SiloAddress>> UnreachableAsync(IEnumerable<SiloAddress> silos, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(silos.Select(async silo =>
        {
            try
            {
                return (silo, ok: await prober.ProbeAsync(silo, _options.ProbeTimeout, cancellationToken));
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                return (silo, ok: false);
            }
        }));
        return [.. results.Where(r => !r.ok).Select(r => r.silo)];
    }
}
