using System.Reflection;
using Actors.Runtime.Catalog;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.MembershipService;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Hosting;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds a local silo: the catalog, the grain factory, idle collection and the start/stop lifecycle,
    /// with <see cref="MessagingOptions"/> and <see cref="GrainCollectionOptions"/> bound from their
    /// configuration sections and validated at start-up. Storage is added separately (AddGrainStorage).
    /// </summary>
    public static IServiceCollection AddSiloRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection(MessagingOptions.SectionName)).ValidateOnStart();
        services.AddOptions<GrainCollectionOptions>().Bind(configuration.GetSection(GrainCollectionOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessagingOptions>, RuntimeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainCollectionOptions>, RuntimeOptionsValidator>());

        services.TryAddSingleton<RuntimeLog>();
        services.TryAddSingleton<SiloCrash>();
        services.TryAddSingleton<GrainTypeRegistry>();
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<GrainCatalog>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainCatalog>().GrainFactory);
        services.TryAddSingleton<ActivationCollector>();
        services.AddHostedService<SiloLifecycleService>();
        return services;
    }

    /// <summary>Registers the grain classes of an assembly with the silo.</summary>
    public static IServiceCollection AddGrains(this IServiceCollection services, Assembly assembly)
    {
        services.AddSingleton(new GrainAssembly(assembly));
        return services;
    }
}
