using Actors.Runtime.Membership;

namespace Actors.Runtime.Placement;

/// <summary>
/// A consistent-hash ring over the Active silos of one membership view. Each silo stands on the ring at
/// <see cref="VirtualNodesPerSilo"/> points (hashes of "silo#i"); a grain belongs to the first point at or after the
/// hash of its id, wrapping round. Every process that holds the same view computes the same owner, and adding or
/// removing one of N silos moves only about 1/N of the grains.
/// </summary>
public sealed class HashRing
{
    /// <summary>Enough points that each silo's share stays within a few percent of 1/N for small clusters.</summary>
    public const int VirtualNodesPerSilo = 128;

    private readonly uint[] _points;
    private readonly SiloAddress[] _owners;

    public HashRing(IEnumerable<SiloAddress> silos)
    {
        var points = silos.Distinct()
            .SelectMany(silo => Enumerable.Range(0, VirtualNodesPerSilo).Select(i => (hash: StableHash.Of($"{silo}#{i}"), silo)))
            .OrderBy(p => p.hash).ThenBy(p => p.silo.ToString(), StringComparer.Ordinal)
            .ToArray();
        _points = [.. points.Select(p => p.hash)];
        _owners = [.. points.Select(p => p.silo)];
        Silos = [.. _owners.Distinct()];
    }

    public static readonly HashRing Empty = new([]);

    public IReadOnlyList<SiloAddress> Silos { get; }

    public bool IsEmpty => _points.Length == 0;

    /// <summary>The silo that owns <paramref name="grain"/>; null when the ring has no silo.</summary>
    public SiloAddress? OwnerOf(GrainId grain) => OwnerOfHash(StableHash.Of(grain.ToString()));

    public SiloAddress? OwnerOfHash(uint hash)
    {
        if (_points.Length == 0)
            return null;
        var index = Array.BinarySearch(_points, hash);
        if (index < 0)
            index = ~index;
        return _owners[index == _points.Length ? 0 : index];
    }
}
