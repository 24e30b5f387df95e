using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>
/// Every list reads <c>publishedOnly</c> and <c>published</c> one way, as Mautic's <c>if ($request->get('published', 0))</c>
/// does: PHP's truthiness, any value but the empty one and <c>0</c>. Campaigns once took only <c>1</c> and <c>true</c>,
/// so <c>publishedOnly=TRUE</c> listed unpublished campaigns while the segments' list left them out.
/// </summary>
public sealed class PublishedOnlyFlagTests
{
    static readonly (string List, string One, string Name)[] Lists =
        [("campaigns", "campaign", "name"), ("segments", "list", "name"), ("stages", "stage", "name"), ("categories", "category", "title")];

    [Fact]
    public async Task Any_value_PHP_reads_as_true_lists_only_published_entries_on_every_list()
    {
        await using var api = new ApiFactory(TestStore.Sqlite());
        foreach (var (list, one, name) in Lists)
        {
            await Create(api, $"/api/{list}/new", one, $$"""{"{{name}}":"On {{list}}"}""");
            await Create(api, $"/api/{list}/new", one, $$"""{"{{name}}":"Off {{list}}","isPublished":false}""");
        }

        foreach (var (list, _, _) in Lists)
        {
            foreach (var set in new[] { "publishedOnly=1", "publishedOnly=TRUE", "publishedOnly=yes", "publishedOnly=on", "publishedOnly=2", "publishedOnly=false", "published=True" })
                Assert.True(await Total(api, list, set) == 1, $"{list}?{set}");
            foreach (var unset in new[] { "", "publishedOnly=", "publishedOnly=0", "published=0", "publishedOnly=1&publishedOnly=0" })
                Assert.True(await Total(api, list, unset) == 2, $"{list}?{unset}");
        }
    }

    static async Task<int> Total(ApiFactory api, string list, string query)
        => int.Parse((await Get(api, $"/api/{list}?search=" + Uri.EscapeDataString(list) + "&" + query))["total"]!.ToString());
}
