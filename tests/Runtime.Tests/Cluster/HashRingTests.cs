using Actors.Runtime.Membership;
using Actors.Runtime.Placement;

namespace Actors.Runtime.Tests.Cluster;

public sealed class HashRingTests
{
    private static readonly GrainId[] Keys = [.. Enumerable.Range(0, 20_000).Select(i => new GrainId("contact", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))];

    private static SiloAddress Silo(int port) => new("10.0.0.1", port, 100);

    [Fact]
    public void Grains_spread_evenly_over_the_silos()
    {
        var ring = new HashRing([Silo(1), Silo(2), Silo(3), Silo(4)]);

        var shares = Keys.GroupBy(ring.OwnerOf).ToDictionary(g => g.Key!.Value, g => g.Count() / (double)Keys.Length);

        Assert.Equal(4, shares.Count);
        Assert.All(shares.Values, share => Assert.InRange(share, 0.20, 0.30));
    }

    [Fact]
    public void Adding_a_silo_moves_about_one_in_n_keys_and_only_to_the_new_silo()
    {
        var before = new HashRing([Silo(1), Silo(2), Silo(3)]);
        var after = new HashRing([Silo(1), Silo(2), Silo(3), Silo(4)]);

        var moved = Keys.Where(k => before.OwnerOf(k) != after.OwnerOf(k)).ToList();

        Assert.InRange(moved.Count / (double)Keys.Length, 0.18, 0.32);
        Assert.All(moved, k => Assert.Equal(Silo(4), after.OwnerOf(k)));
    }

    [Fact]
    public void The_owner_depends_on_the_set_of_silos_not_their_order()
    {
        var one = new HashRing([Silo(1), Silo(2), Silo(3)]);
        var other = new HashRing([Silo(3), Silo(1), Silo(2)]);

        Assert.All(Keys.Take(1000), k => Assert.Equal(one.OwnerOf(k), other.OwnerOf(k)));
    }

    [Fact]
    public void The_hash_is_murmur3_and_the_same_in_every_process()
    {
        // Reference values of MurmurHash3_x86_32 with seed 0.
        Assert.Equal(0u, StableHash.Of(""));
        Assert.Equal(0x248bfa47u, StableHash.Of("hello"));
        Assert.Equal(0x2e4ff723u, StableHash.Of("The quick brown fox jumps over the lazy dog"));
    }

    [Fact]
    public void An_empty_ring_has_no_owner()
        => Assert.Null(HashRing.Empty.OwnerOf(new GrainId("contact", "1")));
}
