using Actors.Interfaces.Categories;
using Actors.Interfaces.Segments;
using Actors.Interfaces.Stages;
using Actors.Interfaces.Tags;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Catalogs;

// One concrete class per kind: the runtime activates concrete classes, each stores its own state name.

internal sealed class SegmentCatalogGrain([PersistentState("segments")] IPersistentState<CatalogState<Segment>> catalog)
    : EntityCatalogGrain<Segment>(catalog);

internal sealed class StageCatalogGrain([PersistentState("stages")] IPersistentState<CatalogState<Stage>> catalog)
    : EntityCatalogGrain<Stage>(catalog);

internal sealed class TagCatalogGrain([PersistentState("tags")] IPersistentState<CatalogState<Tag>> catalog)
    : EntityCatalogGrain<Tag>(catalog);

internal sealed class CategoryCatalogGrain([PersistentState("categories")] IPersistentState<CatalogState<Category>> catalog)
    : EntityCatalogGrain<Category>(catalog);
