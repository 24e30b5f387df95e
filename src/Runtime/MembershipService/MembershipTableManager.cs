using Actors.Runtime.Membership;
using Actors.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.MembershipService;

/// <summary>
/// This silo's side of the membership table (Orleans's MembershipTableManager): its own row, the snapshot it last
/// read, and every versioned write it makes.
///
/// Protocol. Every status change and every vote is an UpdateRow naming the row's ETag and the next table version;
/// a lost race (another silo wrote first) re-reads and decides again, so concurrent voters never lose a vote and a
/// Dead row is never revived. Heartbeats are dirty writes that bump no version. Each snapshot read (periodic
/// refresh, gossip, own writes) is checked before it is published: if it shows this silo Dead, or a newer
/// generation of this endpoint, the silo hands over to <see cref="IFatalErrorHandler"/> and writes nothing more.
/// Views are published in version order through <see cref="MembershipViewPublisher"/>.
///
/// Start: rows of older generations of this endpoint that are not Dead are declared Dead (they are an earlier run
/// of this process that crashed); a newer generation of it means this process is the stale one and it stops.
/// </summary>
internal sealed class MembershipTableManager : IClusterMembershipService
{
    private const int MaxWriteAttempts = 20;

    private readonly IMembershipTable _table;
    private readonly ClusterMembershipOptions _options;
    private readonly MembershipViewPublisher _views = new();
    private readonly IFatalErrorHandler _fatal;
    private readonly IMembershipGossip _gossip;
    private readonly SiloCrash _crash;
    private readonly MembershipLog _log;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private MembershipTableData _snapshot = new([], TableVersion.Initial);
    private int _stopping;

    public MembershipTableManager(
        IMembershipTable table, LocalSilo local, IOptions<ClusterMembershipOptions> options, IFatalErrorHandler fatal,
        IMembershipGossip gossip, SiloCrash crash, MembershipLog log, TimeProvider? time = null)
    {
        _table = table;
        Local = local;
        _options = options.Value;
        _fatal = fatal;
        _gossip = gossip;
        _crash = crash;
        _log = log;
        _time = time ?? TimeProvider.System;
    }

    public LocalSilo Local { get; }
    public MembershipView CurrentView => _views.Current;
    public MembershipTableData Snapshot => Volatile.Read(ref _snapshot);
    public SiloStatus LocalStatus => Snapshot.Find(Local.Address)?.Entry.Status ?? SiloStatus.None;

    public IDisposable Subscribe(Action<MembershipView> observer) => _views.Subscribe(observer);

    /// <summary>Reaches the table, clears out older generations of this endpoint and inserts this silo's row as Joining.</summary>
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _table.InitializeAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new SiloStartupException($"The membership table could not be reached or initialised ({_table.GetType().Name}); check Cluster:Membership:Provider and Cluster:Membership:ConnectionString: {exception.Message}", exception);
        }

        await CleanupOlderGenerationsAsync();
        var now = _time.GetUtcNow();
        var entry = new MembershipEntry
        {
            Silo = Local.Address, Status = SiloStatus.Joining, SiloName = Local.SiloName,
            HostName = Environment.MachineName, StartTime = now, IAmAliveTime = now,
        };
        for (var attempt = 0; ; attempt++)
        {
            var data = await _table.ReadAll();
            if (await _table.InsertRow(entry, data.Version.Next()))
                break;
            if (data.Find(Local.Address) is not null || attempt >= MaxWriteAttempts)
                throw new SiloStartupException($"Silo {Local.Address} could not insert its membership row (it already has one, or the table is too busy).");
        }
        _log.StatusWritten(Local.Address, SiloStatus.Joining, (await RefreshAsyncCore()).Version.Version);
    }

    private async Task CleanupOlderGenerationsAsync()
    {
        var data = await _table.ReadAll();
        var sameEndpoint = data.Rows.Where(r => r.Entry.Silo.IsSameEndpoint(Local.Address) && r.Entry.Silo != Local.Address).ToList();
        if (sameEndpoint.FirstOrDefault(r => r.Entry.Silo.Generation > Local.Address.Generation) is { } newer)
        {
            var reason = $"a newer generation of this endpoint, {newer.Entry.Silo}, is in the table: this process is superseded";
            Stop(reason);
            throw new SiloStartupException($"Silo {Local.Address} cannot join: {reason}.");
        }
        foreach (var older in sameEndpoint.Where(r => r.Entry.Status != SiloStatus.Dead))
        {
            if (await TryWriteAsync(older.Entry.Silo, entry => entry.Status == SiloStatus.Dead ? null : entry with { Status = SiloStatus.Dead }))
                _log.DeclaredOlderGenerationDead(older.Entry.Silo);
        }
    }

    /// <summary>Writes this silo's status (Active, ShuttingDown, Dead) with the version protocol and tells peers.</summary>
    public async Task UpdateStatusAsync(SiloStatus status)
    {
        if (_crash.IsCrashed)
            return;
        var written = await TryWriteAsync(Local.Address, entry =>
            entry.Status == SiloStatus.Dead || entry.Status == status ? null : entry with { Status = status, IAmAliveTime = _time.GetUtcNow() });
        if (written)
        {
            _log.StatusWritten(Local.Address, status, Snapshot.Version.Version);
            GossipToPeers();
        }
    }

    /// <summary>Writes the heartbeat: a dirty write with no version check.</summary>
    public async Task HeartbeatAsync()
    {
        if (_crash.IsCrashed)
            return;
        var entry = Snapshot.Find(Local.Address)?.Entry;
        if (entry is not null && entry.Status != SiloStatus.Dead)
            await _table.UpdateIAmAlive(entry with { IAmAliveTime = _time.GetUtcNow() });
    }

    public async Task CleanupDefunctAsync()
        => await _table.CleanupDefunctSiloEntries(_time.GetUtcNow() - _options.DefunctSiloExpiration);

    public async Task RefreshAsync() => await RefreshAsyncCore();

    private async Task<MembershipTableData> RefreshAsyncCore()
    {
        if (_crash.IsCrashed)
            return Snapshot;
        var data = await _table.ReadAll();
        Process(data);
        return data;
    }

    /// <summary>
    /// Adds this silo's vote that <paramref name="target"/> is dead, or declares it Dead when the fresh votes reach
    /// the required number. True if the target is Dead afterwards.
    /// </summary>
    public async Task<bool> TrySuspectOrKillAsync(SiloAddress target)
    {
        if (_crash.IsCrashed || target == Local.Address)
            return false;
        var declared = false;
        var written = await TryWriteAsync(target, entry =>
        {
            if (entry.Status == SiloStatus.Dead)
            {
                declared = true;
                return null;
            }
            var now = _time.GetUtcNow();
            var votes = SuspicionVotes.AddVote(entry.SuspectTimes, Local.Address, now, _options);
            var fresh = SuspicionVotes.Fresh(votes, now, _options).Count();
            var required = SuspicionVotes.Required(SuspicionVotes.ActiveNonStale(Snapshot, now, _options), _options);
            declared = fresh >= required;
            if (declared)
                _log.DeclaredDead(target, fresh);
            else
                _log.Voted(target, fresh, required);
            return entry with { SuspectTimes = votes, Status = declared ? SiloStatus.Dead : entry.Status };
        });
        if (written)
            GossipToPeers();
        return declared;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current row of <paramref name="silo"/> with UpdateRow, re-reading after
    /// a lost race. The change answers null when nothing needs writing. True if a write happened.
    /// </summary>
    private async Task<bool> TryWriteAsync(SiloAddress silo, Func<MembershipEntry, MembershipEntry?> change)
    {
        await _writes.WaitAsync();
        try
        {
            for (var attempt = 0; attempt < MaxWriteAttempts && !_crash.IsCrashed; attempt++)
            {
                var data = await _table.ReadAll();
                Process(data);
                if (_crash.IsCrashed || data.Find(silo) is not { } row || change(row.Entry) is not { } updated)
                    return false;
                if (await _table.UpdateRow(updated, row.ETag, data.Version.Next()))
                {
                    Process(await _table.ReadAll());
                    return true;
                }
            }
            return false;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Checks a snapshot for this silo's own death, then publishes it as a view if it is newer.</summary>
    private void Process(MembershipTableData data)
    {
        if (data.Version.Version < Snapshot.Version.Version)
            return;
        Volatile.Write(ref _snapshot, data);
        var mine = data.Find(Local.Address);
        if (mine?.Entry.Status == SiloStatus.Dead && Volatile.Read(ref _stopping) == 0)
            Stop("the membership table declares it dead");
        else if (data.Rows.FirstOrDefault(r => r.Entry.Silo.IsSameEndpoint(Local.Address) && r.Entry.Silo.Generation > Local.Address.Generation) is { } newer)
            Stop($"a newer generation of this endpoint, {newer.Entry.Silo}, joined");
        var view = MembershipView.From(data);
        if (_views.Publish(view))
            _log.ViewChanged(view.Version, view.ActiveSilos.Count);
    }

    /// <summary>Marks the start of a graceful stop, after which this silo's own Dead row is expected, not fatal.</summary>
    public void BeginStopping() => Interlocked.Exchange(ref _stopping, 1);

    private void Stop(string reason)
    {
        if (_crash.IsCrashed)
            return;
        _log.MustStop(Local.Address, reason);
        _crash.Crash();
        _fatal.OnFatalError(reason);
    }

    private void GossipToPeers()
        => _gossip.TableChanged(Snapshot.Rows.Where(r => r.Entry.Silo != Local.Address && r.Entry.Status is SiloStatus.Active or SiloStatus.Joining or SiloStatus.ShuttingDown)
            .Select(r => r.Entry.Silo));
}
