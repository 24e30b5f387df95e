using Actors.Runtime.Diagnostics;
using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Catalog;

/// <summary>The silo-wide services an activation reaches: the catalog, the grain factory, options and logs.</summary>
internal sealed class GrainRuntime(
    IServiceProvider services,
    IOptions<GrainCollectionOptions> collection,
    RuntimeLog log,
    NewGrains newGrains)
{
    public IServiceProvider Services { get; } = services;
    public GrainCollectionOptions Collection { get; } = collection.Value;
    public RuntimeLog Log { get; } = log;
    public NewGrains NewGrains { get; } = newGrains;

    // Set once by the catalog, which owns the runtime and the factory; the three refer to each other.
    public GrainCatalog Catalog { get; internal set; } = null!;
    public IGrainFactory GrainFactory { get; internal set; } = null!;
}
