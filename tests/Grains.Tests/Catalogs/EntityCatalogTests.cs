using Actors.Grains.Catalogs;
using Actors.Grains.Tests.Infrastructure;
using Actors.Interfaces.Catalogs;
using Actors.Interfaces.Segments;
using Actors.Interfaces.Tags;
using Actors.Runtime;
using Actors.Runtime.Persistence;

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

    [Fact]
    public async Task Names_are_one_tag_when_their_lower_case_is_one()
    {
        var istanbul = (await Tags.Add(new Tag(0, "İstanbul", null))).Entry!;
        var kelvin = (await Tags.Add(new Tag(0, "\u212Aelvin", null))).Entry!;

        Assert.Equal(new CatalogResult<Tag>(CatalogOutcome.KeyTaken, istanbul), await Tags.Add(new Tag(0, "istanbul", null)));
        Assert.Equal([istanbul, kelvin], await Tags.Ensure([new Tag(0, "ISTANBUL", null), new Tag(0, "kelvin", null)]));
        Assert.Equal(istanbul, await Tags.Get(istanbul.Id));
        Assert.Equal(CatalogOutcome.Done, (await Tags.Add(new Tag(0, "ss", null))).Outcome);
        Assert.Equal(CatalogOutcome.Done, (await Tags.Add(new Tag(0, "ß", null))).Outcome);
    }

    [Fact]
    public async Task A_tag_holds_its_former_name_against_others_but_not_against_itself()
    {
        var vip = (await Tags.Add(new Tag(0, "vip", null))).Entry!;
        var other = (await Tags.Add(new Tag(0, "other", null))).Entry!;
        var renamed = vip with { Name = "VIP Club", FormerName = "vip" };

        Assert.Equal(CatalogOutcome.Done, (await Tags.Replace(renamed)).Outcome);
        Assert.Equal(CatalogOutcome.Done, (await Tags.Replace(renamed with { Name = "Vip" })).Outcome);
        Assert.Equal(new CatalogResult<Tag>(CatalogOutcome.KeyTaken, renamed with { Name = "Vip" }), await Tags.Replace(other with { Name = "VIP" }));
        Assert.Equal(CatalogOutcome.Done, (await Tags.Replace(renamed)).Outcome);
        Assert.Equal(new CatalogResult<Tag>(CatalogOutcome.KeyTaken, renamed), await Tags.Add(new Tag(0, "VIP", null)));
        Assert.Equal(CatalogOutcome.Done, (await Tags.ReplaceIf(renamed, renamed with { FormerName = null })).Outcome);

        Assert.Equal(CatalogOutcome.Done, (await Tags.Add(new Tag(0, "VIP", null))).Outcome);
        Assert.Equal(renamed with { FormerName = null }, (await Tags.Ensure([new Tag(0, "vip club", null)]))[0]);
        Assert.Equal(["VIP Club", "other", "VIP"], (await Tags.List()).Select(t => t.Name));
    }

    [Fact]
    public async Task An_entry_being_removed_is_read_by_no_one_but_keeps_its_key_until_it_is_removed()
    {
        var going = (await Tags.Add(new Tag(0, "going", null))).Entry!;
        var staying = (await Tags.Add(new Tag(0, "staying", null))).Entry!;

        Assert.Equal(going, await Tags.BeginRemove(going.Id));
        Assert.Null(await Tags.Get(going.Id));
        Assert.Equal([staying], await Tags.List());
        Assert.Equal([going], await Tags.Removing());
        Assert.Equal(new CatalogResult<Tag>(CatalogOutcome.KeyTaken, going), await Tags.Add(new Tag(0, "GOING", null)));
        Assert.Equal([going], await Tags.Ensure([new Tag(0, "Going", null)]));
        Assert.Equal(CatalogOutcome.NotFound, (await Tags.Replace(going with { Description = "x" })).Outcome);

        Assert.Equal(going, await Tags.Remove(going.Id));
        Assert.Empty(await Tags.Removing());
        Assert.Equal(3, (await Tags.Add(new Tag(0, "going", null))).Entry!.Id);
    }

    [Fact]
    public async Task Ensuring_at_most_some_adds_that_many_and_answers_every_name_the_catalog_holds()
    {
        var known = (await Tags.Add(new Tag(0, "known", null))).Entry!;

        var ensured = await Tags.EnsureAtMost([new Tag(0, "new", null), new Tag(0, "KNOWN", null), new Tag(0, "later", null), new Tag(0, "NEW", null)], maxNew: 1);

        var added = new Tag(2, "new", null);
        Assert.Equal([added, known, null, added], ensured.Entries);
        Assert.Equal(1, ensured.Added);
        Assert.Equal([known, added], await Tags.List());
        Assert.Equal(0, (await Tags.EnsureAtMost([new Tag(0, "known", null)], maxNew: 5)).Added);
    }

    [Fact]
    public async Task After_a_failed_write_the_catalog_answers_what_is_stored_not_what_was_lost()
    {
        var writes = new FailingWrites();
        await using var silo = await ContactSilo.StartAsync(services: writes.Install);
        var tags = silo.Factory.GetGrain<IEntityCatalogGrain<Tag>>(Tag.CatalogKey);
        var kept = (await tags.Add(new Tag(0, "kept", null))).Entry!;
        var going = (await tags.Add(new Tag(0, "going", null))).Entry!;
        await tags.BeginRemove(going.Id);

        writes.FailNext("tags");
        await Assert.ThrowsAsync<IOException>(() => tags.Ensure([new Tag(0, "lost", null)]));
        writes.FailNext("tags");
        await Assert.ThrowsAsync<IOException>(() => tags.Replace(kept with { Name = "renamed" }));
        writes.FailNext("tags");
        await Assert.ThrowsAsync<IOException>(() => tags.Remove(going.Id));

        Assert.Equal([kept], await tags.List());
        Assert.Equal([going], await tags.Removing());
        Assert.Equal(new CatalogResult<Tag>(CatalogOutcome.KeyTaken, kept), await tags.Add(new Tag(0, "KEPT", null)));
        Assert.Equal(new CatalogResult<Tag>(CatalogOutcome.KeyTaken, going), await tags.Add(new Tag(0, "going", null)));
        Assert.Null(await tags.Get(3));
        Assert.Equal([new Tag(3, "renamed", null), new Tag(4, "Lost", null)], await tags.Ensure([new Tag(0, "renamed", null), new Tag(0, "Lost", null)]));
    }

    [Fact]
    public async Task A_catalog_stored_with_two_holders_of_one_name_answers_the_first_other_than_the_one_asking()
    {
        // Stored while "İ" and "i" were told apart: both spellings are tags of their own.
        var first = new Tag(1, "İx", null);
        var second = new Tag(2, "ix", null);
        await ChangeStoredTags(state =>
        {
            state.Entries = [first, second];
            state.HighWater = 2;
        });

        Assert.Equal(new CatalogResult<Tag>(CatalogOutcome.KeyTaken, first), await Tags.Add(new Tag(0, "IX", null)));
        Assert.Equal(new CatalogResult<Tag>(CatalogOutcome.KeyTaken, second), await Tags.Replace(first with { Description = "d" }));
        Assert.Equal(first, await Tags.Remove(first.Id));
        Assert.Equal(CatalogOutcome.Done, (await Tags.Replace(second with { Description = "d" })).Outcome);
        Assert.Equal([second with { Description = "d" }], await Tags.Ensure([new Tag(0, "İX", null)]));
    }

    /// <summary>Rewrites the stored tag catalog behind its activation's back, as another writer would.</summary>
    private async Task ChangeStoredTags(Action<CatalogState<Tag>> change)
    {
        var grainId = new GrainId("tagcatalog", Tag.CatalogKey);
        var record = new GrainState<CatalogState<Tag>>();
        await Silo.Storage.ReadStateAsync("tags", grainId, record);
        change(record.State);
        await Silo.Storage.WriteStateAsync("tags", grainId, record);
    }
}
