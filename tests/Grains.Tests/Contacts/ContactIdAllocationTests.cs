using Actors.Grains.Contacts;
using Actors.Grains.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Contacts;

public sealed class ContactIdAllocationTests
{
    [Fact]
    public async Task A_thousand_concurrent_allocations_get_a_thousand_distinct_ids_from_one()
    {
        await using var silo = await ContactSilo.StartAsync();
        var source = silo.Services.GetRequiredService<ContactIdSource>();

        var ids = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(source.Next)));

        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), ids.Order());
    }

    [Fact]
    public async Task Ids_never_repeat_after_the_allocator_is_deactivated()
    {
        var silo = await ContactSilo.StartAsync();
        var before = await Task.WhenAll(Enumerable.Range(0, 150).Select(_ => silo.Services.GetRequiredService<ContactIdSource>().Next()));
        silo = await silo.RestartAsync();
        await using var restarted = silo;

        var after = await Task.WhenAll(Enumerable.Range(0, 150).Select(_ => restarted.Services.GetRequiredService<ContactIdSource>().Next()));

        Assert.Empty(before.Intersect(after));
        Assert.Equal(300, before.Concat(after).Distinct().Count());
        // The restarted silo's source skips the rest of the old silo's block instead of reusing it.
        Assert.True(after.Min() > ContactIdSource.BlockSize);
    }

    [Fact]
    public async Task The_next_block_is_reserved_ahead_once_half_the_current_one_is_used()
    {
        await using var silo = await ContactSilo.StartAsync();
        var source = silo.Services.GetRequiredService<ContactIdSource>();

        for (var i = 0; i <= ContactIdSource.BlockSize - ContactIdSource.RefillBelow; i++)
            await source.Next();
        var left = ContactIdSource.RefillBelow - 1;
        for (var deadline = DateTime.UtcNow.AddSeconds(10); source.Available == left && DateTime.UtcNow < deadline;)
            await Task.Delay(20);

        // Nobody asked for more ids, yet the next block is on hand, and ids go on from it when the current one runs out.
        Assert.Equal(left + ContactIdSource.BlockSize, source.Available);
        var next = await Task.WhenAll(Enumerable.Range(0, left + 1).Select(_ => source.Next()));
        Assert.Equal(ContactIdSource.BlockSize + 1, next.Max());
    }

    [Fact]
    public async Task The_allocator_hands_out_consecutive_blocks_and_refuses_empty_ones()
    {
        await using var silo = await ContactSilo.StartAsync();
        var allocator = silo.Factory.GetGrain<IContactIdAllocatorGrain>(IContactIdAllocatorGrain.Key);

        Assert.Equal(new IdBlock(1, 10), await allocator.Reserve(10));
        Assert.Equal(new IdBlock(11, 5), await allocator.Reserve(5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => allocator.Reserve(0));
    }
}
