using Actors.Grains.Contacts;
using Actors.Grains.Timeline;
using Actors.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors.Grains.Hosting;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the contact-tracking grains and the per-silo services they use. Services are added only if
    /// absent, so a host (or a test) can register its own timeline sink first.
    /// </summary>
    public static IServiceCollection AddContactGrains(this IServiceCollection services)
    {
        services.AddGrains(typeof(GrainsAssembly).Assembly);
        services.TryAddSingleton<ContactIdSource>();
        services.TryAddSingleton<ITimelineSink, InMemoryTimelineSink>();
        return services;
    }
}
