using System.Reflection;
using Actors.Runtime.Catalog;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.MembershipService;
using Actors.Runtime.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Hosting;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds a local silo: the catalog, the grain factory, idle collection, the dashboard's measurements and the start/stop lifecycle,
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
        services.TryAddSingleton(sp => new NewGrains(sp.GetRequiredService<GrainTypeRegistry>()));
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<GrainCatalog>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainCatalog>().GrainFactory);
        services.TryAddSingleton<ActivationCollector>();
        services.TryAddSingleton<IMemoryUsageMonitor, GcMemoryUsageMonitor>();
        services.TryAddSingleton<MemoryPressureShedder>();
        services.AddSiloMonitor(configuration);
        services.AddHostedService<SiloLifecycleService>();
        return services;
    }

    /// <summary>
    /// The silo's measurements of itself for the dashboard (section "Dashboard"), and the embedded default's report
    /// source: this silo alone. A cluster member or client replaces the source with the gathering of every silo.
    /// </summary>
    private static void AddSiloMonitor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDashboardOptions(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => SiloLabel.Of(sp.GetService<LocalSilo>(), configuration));
        services.TryAddSingleton<RuntimeMeterReadings>();
        services.TryAddSingleton<SiloMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<SiloMonitor>());
        services.TryAddSingleton<ISiloReportSource, LocalSiloReports>();
    }

    /// <summary>Binds and validates <see cref="DashboardOptions"/>; shared by silos, which measure, and clients, which gather.</summary>
    internal static IServiceCollection AddDashboardOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>());
        return services;
    }

    /// <summary>Registers the grain classes of an assembly with the silo.</summary>
    public static IServiceCollection AddGrains(this IServiceCollection services, Assembly assembly)
    {
        services.AddSingleton(new GrainAssembly(assembly));
        return services;
    }
}
