using Actors.Api.Categories;
using Actors.Api.Contacts;
using Actors.Api.Segments;
using Actors.Api.Stages;
using Actors.Api.Tags;

namespace Actors.Api.Catalogs;

public static class CatalogServiceCollectionExtensions
{
    /// <summary>The catalog resources of /api (segments, stages, tags, categories), the user delete that sweeps contacts as theirs do, and what they share.</summary>
    public static IServiceCollection AddCatalogResources(this IServiceCollection services)
    {
        services.AddSingleton<ContactReferences>();
        services.AddSingleton<ContactSweep>();
        services.AddSingleton<SegmentResource>();
        services.AddSingleton<StageResource>();
        services.AddSingleton<TagResource>();
        services.AddSingleton<CategoryResource>();
        services.AddSingleton<Users.UserDelete>();
        services.AddSingleton<UnfinishedCatalogChanges>();
        services.AddHostedService(provider => provider.GetRequiredService<UnfinishedCatalogChanges>());
        return services;
    }
}
