namespace Actors.Runtime.Membership.Memory;

/// <summary>
/// The membership table of a single process: the embedded default's one silo, and every silo of an in-process
/// TestCluster, which share one instance. A lock makes each operation atomic; row ETags are the table version of
/// the row's last versioned write, as in the ADO.NET provider.
/// </summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, MembershipRow> _rows = [];
    private TableVersion _version = TableVersion.Initial;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<MembershipTableData> ReadRow(SiloAddress silo)
    {
        lock (_lock)
            return Task.FromResult(new MembershipTableData(_rows.TryGetValue(silo, out var row) ? [row] : [], _version));
    }

    public Task<MembershipTableData> ReadAll()
    {
        lock (_lock)
            return Task.FromResult(new MembershipTableData([.. _rows.Values], _version));
    }

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion)
    {
        lock (_lock)
        {
            if (tableVersion.Version != _version.Version + 1 || _rows.ContainsKey(entry.Silo))
                return Task.FromResult(false);
            _version = tableVersion;
            _rows[entry.Silo] = new MembershipRow(entry, tableVersion.ETag);
            return Task.FromResult(true);
        }
    }

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        lock (_lock)
        {
            if (tableVersion.Version != _version.Version + 1
                || !_rows.TryGetValue(entry.Silo, out var row)
                || row.ETag != etag)
                return Task.FromResult(false);
            _version = tableVersion;
            _rows[entry.Silo] = new MembershipRow(entry, tableVersion.ETag);
            return Task.FromResult(true);
        }
    }

    public Task UpdateIAmAlive(MembershipEntry entry)
    {
        lock (_lock)
        {
            if (!_rows.TryGetValue(entry.Silo, out var row))
                throw new InvalidOperationException($"Silo {entry.Silo} has no row in the membership table.");
            _rows[entry.Silo] = row with { Entry = row.Entry with { IAmAliveTime = entry.IAmAliveTime } };
            return Task.CompletedTask;
        }
    }

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        lock (_lock)
        {
            foreach (var (silo, row) in _rows.ToList())
                if (row.Entry.Status == SiloStatus.Dead && row.Entry.IAmAliveTime < beforeDate)
                    _rows.Remove(silo);
            return Task.CompletedTask;
        }
    }

    public Task DeleteMembershipTableEntries()
    {
        lock (_lock)
        {
            _rows.Clear();
            _version = TableVersion.Initial;
            return Task.CompletedTask;
        }
    }
}
