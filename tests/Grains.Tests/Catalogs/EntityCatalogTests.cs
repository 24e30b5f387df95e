using Actors.Grains.Tests.Infrastructure;
using Actors.Interfaces.Catalogs;
using Actors.Interfaces.Segments;
using Actors.Interfaces.Tags;

namespace Actors.Grains.Tests.Catalogs;

public sealed class EntityCatalogTests : SiloTest
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private IEntityCatalogGrain<Segment> Segments => Silo.Factory.GetGrain<IEntityCatalogGrain<Segment>>(Segment.CatalogKey);

    private IEntityCatalogGrain<Tag> Tags => Silo.Factory.GetGrain<IEntityCatalogGrain<Tag>>(Tag.CatalogKey);

    private static Segment Named(string alias) => new(0, alias, alias, null, true, true, "[]", T, null);

    [Fact]
    public async Task Ids_are_never_reused_and_the_catalog_survives_a_restart()
    {
        var first = (await Segments.Add(Named("a"))).Entry!;
        Assert.Equal(first, await Segments.Remove(first.Id));
        var second = (await Segments.Add(Named("b"))).Entry!;
        await RestartSilo();

        Assert.Equal(2, second.Id);
        Assert.Equal([second], await Segments.List());
        Assert.Null(await Segments.Get(first.Id));
        Assert.Equal(3, (await Segments.Add(Named("c"))).Entry!.Id);
    }

    [Fact]
    public async Task A_unique_key_is_held_by_one_entry_ignoring_case_and_concurrent_adds_agree()
    {
        var adds = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Segments.Add(Named(i % 2 == 0 ? "News" : "news"))));
        var other = (await Segments.Add(Named("other"))).Entry!;

        var winner = Assert.Single(adds, a => a.Outcome == CatalogOutcome.Done).Entry!;
        Assert.All(adds.Where(a => a.Outcome != CatalogOutcome.Done), a => Assert.Equal(winner, a.Entry));
        Assert.Equal(CatalogOutcome.KeyTaken, (await Segments.Replace(other with { Alias = "NEWS" })).Outcome);
        Assert.Equal(CatalogOutcome.NotFound, (await Segments.Replace(Named("x") with { Id = 99 })).Outcome);
        Assert.Equal(CatalogOutcome.Done, (await Segments.Replace(winner with { Name = "Renamed" })).Outcome);
    }

    [Fact]
    public async Task Ensure_gives_new_names_ids_and_answers_the_existing_entry_for_known_ones()
    {
        var vip = (await Tags.Add(new Tag(0, "vip", "Important"))).Entry!;

        var ensured = await Tags.Ensure([new Tag(0, "VIP", null), new Tag(0, "pricing", null)]);

        Assert.Equal(vip, ensured[0]);
        Assert.Equal("pricing", ensured[1].Name);
        Assert.Equal(2, ensured[1].Id);
        Assert.Equal(2, (await Tags.List()).Count);
    }
}
