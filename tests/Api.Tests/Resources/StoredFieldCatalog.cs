using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Actors.Api.Tests.Infrastructure;
using Actors.Runtime;
using Actors.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Resources;

/// <summary>
/// The contact field catalog grain's stored state as JSON, its other members kept as they are, so that a test can
/// rewrite it as an older build stored it.
/// </summary>
internal sealed class StoredFieldCatalog
{
    public JsonArray? Fields { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Others { get; set; }

    /// <summary>Reads the stored catalog of <paramref name="api"/>'s store, applies <paramref name="change"/> and writes it back.</summary>
    public static async Task RewriteAsync(ApiFactory api, Action<StoredFieldCatalog> change)
    {
        var storage = api.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);
        var catalog = new GrainId("fieldcatalog", "contact");
        var state = new GrainState<StoredFieldCatalog>();
        await storage.ReadStateAsync("fields", catalog, state);
        change(state.State);
        await storage.WriteStateAsync("fields", catalog, state);
    }
}
