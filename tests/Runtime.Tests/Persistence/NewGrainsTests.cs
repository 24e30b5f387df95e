using Actors.Runtime.Persistence;
using Actors.Runtime.Tests.Infrastructure;
using Actors.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests.Persistence;

/// <summary>
/// A grain its caller declares new activates without reading its storage, and a wrong declaration can fail a write but
/// never overwrite what is stored. The grain is given a stored record behind the declaration's back, so the tests can
/// see whether its activation read it.
/// </summary>
public class NewGrainsTests
{
    [Fact]
    public async Task A_grain_declared_new_activates_without_reading_its_storage()
    {
        await using var silo = await TestSilo.StartAsync();
        await StoreBehindTheSilo(silo, "declared", 41);

        using (silo.Services.GetRequiredService<NewGrains>().Expect<IPersistentCounterGrain>("declared"))
            Assert.Equal(0, await silo.Grain<IPersistentCounterGrain>("declared").ValueSeenByOnActivate());
    }

    [Fact]
    public async Task A_wrongly_declared_grain_has_its_first_write_refused_and_the_stored_record_kept()
    {
        await using var silo = await TestSilo.StartAsync();
        await StoreBehindTheSilo(silo, "collision", 41);
        var counter = silo.Grain<IPersistentCounterGrain>("collision");

        using (silo.Services.GetRequiredService<NewGrains>().Expect<IPersistentCounterGrain>("collision"))
            await Assert.ThrowsAsync<InconsistentStateException>(() => counter.Add(1, "over it"));
        await Eventually.WaitUntil(() => silo.Catalog.Count == 0);

        Assert.Equal(41, (await counter.Read()).Value);
    }

    [Fact]
    public async Task Only_the_first_activation_within_the_declaration_skips_its_read()
    {
        await using var silo = await TestSilo.StartAsync();
        var counter = silo.Grain<IPersistentCounterGrain>("fresh");
        using (silo.Services.GetRequiredService<NewGrains>().Expect<IPersistentCounterGrain>("fresh"))
        {
            await counter.Add(3, "first");
            await counter.Deactivate();
            await Eventually.WaitUntil(() => silo.Catalog.Count == 0);

            Assert.Equal(3, await counter.ValueSeenByOnActivate());
        }
        await counter.Deactivate();
        await Eventually.WaitUntil(() => silo.Catalog.Count == 0);
        Assert.Equal(3, await counter.ValueSeenByOnActivate());
    }

    private static async Task StoreBehindTheSilo(TestSilo silo, string key, int value)
    {
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);
        var record = new GrainState<CounterState> { State = new CounterState { Value = value } };
        await storage.WriteStateAsync("counter", new GrainId("persistentcounter", key), record);
    }
}
