using System.Globalization;
using Actors.Api.Fields;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Companies;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Fields;
using Actors.Interfaces.Tags;
using Microsoft.Extensions.DependencyInjection;
using static Actors.Api.Tests.Companies.CompanyTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>A tracking hit leaves out the values and tags the REST API would refuse, and still counts.</summary>
public abstract class TrackedValueRulesTests(Func<TestStore> store)
{
    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public async Task A_non_finite_number_is_left_out_of_the_contact_and_the_company(string number)
    {
        await using var api = new ApiFactory(store());
        await api.Grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields)
            .Upsert(new FieldDefinition("score", "Score", "number", "core", false, true, null, true));
        api.Services.GetRequiredService<FieldCatalogCache>().Invalidate();

        var id = await Track(api, new() { ["page_url"] = "http://x/", ["score"] = number, ["companyname"] = "EvilCo", ["companyannual_revenue"] = number });
        var valid = await Track(api, new() { ["page_url"] = "http://x/", ["score"] = "12", ["companyname"] = "GoodCo", ["companyannual_revenue"] = "3.5" });

        Assert.False((await api.Grains.GetContact(id).Get())!.Fields.ContainsKey("score"));
        Assert.Equal("12", (await api.Grains.GetContact(valid).Get())!.Fields["score"]);
        Assert.False((await CompanyOf(api, id)).Fields.ContainsKey("companyannual_revenue"));
        Assert.Equal("3.5", (await CompanyOf(api, valid)).Fields["companyannual_revenue"]);
    }

    [Fact]
    public async Task A_tag_longer_than_a_tag_name_can_be_is_left_out()
    {
        await using var api = new ApiFactory(store());

        var id = await Track(api, new() { ["page_url"] = "http://x/", ["tags"] = "ok," + new string('t', Tag.MaxNameLength + 1) });

        Assert.Equal(["ok"], (await api.Grains.GetContact(id).Get())!.Tags);
    }

    [Fact]
    public async Task Tracked_tags_split_on_commas_so_no_tag_holds_one()
    {
        await using var api = new ApiFactory(store());

        var id = await Track(api, new() { ["page_url"] = "http://x/", ["tags"] = "a,b" });

        Assert.Equal(["a", "b"], (await api.Grains.GetContact(id).Get())!.Tags);
    }

    [Fact]
    public async Task A_value_past_the_field_length_is_cut_to_it_in_characters_never_between_the_halves_of_one()
    {
        await using var api = new ApiFactory(store());
        await api.Grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields)
            .Upsert(new FieldDefinition("nickname", "Nickname", "text", "core", false, true, null, true));
        api.Services.GetRequiredService<FieldCatalogCache>().Invalidate();
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 255));

        var id = await Track(api, new() { ["page_url"] = "http://x/", ["nickname"] = emoji + "\U0001F600", ["companyname"] = emoji + "\U0001F600\U0001F600" });

        var contact = (await api.Grains.GetContact(id).Get())!;
        Assert.Equal(emoji, contact.Fields["nickname"]);
        Assert.Equal(emoji, contact.Fields["company"]);
        Assert.Equal(emoji, (await CompanyOf(api, id)).Fields[CompanyNames.Alias]);
    }

    [Fact]
    public async Task A_publicly_updatable_multiselect_takes_a_list_or_pipe_text_each_value_among_its_options()
    {
        await using var api = new ApiFactory(store());
        await api.Grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields)
            .Upsert(new FieldDefinition("interests", "Interests", "multiselect", "core", false, true, null, true)
            {
                Properties = """{"list":[{"label":"Golf","value":"golf"},{"label":"Chess","value":"chess"},{"label":"Go","value":"go"}]}""",
            });
        api.Services.GetRequiredService<FieldCatalogCache>().Invalidate();

        var list = await Track(api, Form(("page_url", "http://x/"), ("interests[]", "golf"), ("interests[]", " chess "), ("interests[]", "golf")));
        var pipe = await Track(api, new() { ["page_url"] = "http://x/", ["interests"] = "chess|go" });
        var outside = await Track(api, Form(("page_url", "http://x/"), ("interests[]", "golf"), ("interests[]", "poker")));

        Assert.Equal("golf|chess", (await api.Grains.GetContact(list).Get())!.Fields["interests"]);
        Assert.Equal("chess|go", (await api.Grains.GetContact(pipe).Get())!.Fields["interests"]);
        Assert.False((await api.Grains.GetContact(outside).Get())!.Fields.ContainsKey("interests"));
    }

    private static IEnumerable<KeyValuePair<string, string>> Form(params (string Name, string Value)[] parameters)
        => parameters.Select(parameter => KeyValuePair.Create(parameter.Name, parameter.Value));

    private static async Task<CompanySnapshot> CompanyOf(ApiFactory api, long contact)
    {
        var link = Assert.Single((await api.Grains.GetContact(contact).Get())!.Companies);
        return (await api.Grains.GetGrain<ICompanyGrain>(link.CompanyId.ToString(CultureInfo.InvariantCulture)).Get())!;
    }
}

public sealed class SqliteTrackedValueRulesTests() : TrackedValueRulesTests(TestStore.Sqlite);

public sealed class PostgreSqlTrackedValueRulesTests() : TrackedValueRulesTests(TestStore.PostgreSql);
