using Actors.Grains.Tests.Infrastructure;
using Actors.Interfaces.Fields;

namespace Actors.Grains.Tests.Fields;

public sealed class FieldCatalogTests : SiloTest
{
    private static readonly FieldDefinition Plan =
        new("plan", "Plan", "select", "professional", IsUniqueIdentifier: false, IsPubliclyUpdatable: true, DefaultValue: "free", IsPublished: true);

    private IFieldCatalogGrain Catalog => Silo.Factory.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields);

    [Fact]
    public async Task The_defaults_are_mautics_core_fields_with_email_the_only_unique_one_and_none_publicly_updatable()
    {
        var fields = await Catalog.Get();

        Assert.Equal(28, fields.Count);
        Assert.Equal(["title", "firstname", "lastname", "company", "position", "email"], fields.Take(6).Select(f => f.Alias));
        Assert.Equal("email", Assert.Single(fields, f => f.IsUniqueIdentifier).Alias);
        Assert.DoesNotContain(fields, f => f.IsPubliclyUpdatable);
        Assert.Equal(6, fields.Count(f => f.Group == "social"));
    }

    [Fact]
    public async Task An_operator_can_add_change_and_remove_a_custom_field_and_the_catalog_and_a_begun_removal_survive_a_restart()
    {
        await Catalog.Upsert(Plan with { Alias = " Plan " });
        await Catalog.Upsert(Plan with { Label = "Subscription plan" });
        await RestartSilo();

        var field = Assert.Single(await Catalog.Get(), f => f.Alias == "plan");
        Assert.Equal("Subscription plan", field.Label);
        Assert.Equal(field, await Catalog.BeginRemove(field.Id));
        await RestartSilo();

        Assert.Equal(28, (await Catalog.Get()).Count);
        Assert.Equal(field, Assert.Single(await Catalog.Removing()));
        Assert.Equal(FieldChangeOutcome.AliasTaken, (await Catalog.Create(Plan)).Outcome);
        Assert.True(await Catalog.Remove(field.Id));
        Assert.False(await Catalog.Remove(field.Id));
        Assert.Equal(28, (await Catalog.Get()).Count);
        Assert.Empty(await Catalog.Removing());
    }

    [Fact]
    public async Task An_operator_can_make_a_core_field_publicly_updatable_but_not_remove_it()
    {
        var email = Assert.Single(await Catalog.Get(), f => f.Alias == "email");

        await Catalog.Upsert(email with { IsPubliclyUpdatable = true });

        Assert.True(Assert.Single(await Catalog.Get(), f => f.Alias == "email").IsPubliclyUpdatable);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Catalog.BeginRemove(email.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Catalog.Remove(email.Id));
    }

    [Fact]
    public async Task No_change_makes_a_unique_field_with_a_default_value()
    {
        var email = Assert.Single(await Catalog.Get(), f => f.Alias == "email");
        var uniquePlan = Plan with { IsUniqueIdentifier = true };

        await Assert.ThrowsAsync<ArgumentException>(() => Catalog.Create(uniquePlan));
        await Assert.ThrowsAsync<ArgumentException>(() => Catalog.Upsert(uniquePlan));
        await Assert.ThrowsAsync<ArgumentException>(() => Catalog.Edit(email with { DefaultValue = "def@example.com" }));

        Assert.DoesNotContain(await Catalog.Get(), f => f.Alias == "plan" || f.DefaultValue == "def@example.com");
    }
}
