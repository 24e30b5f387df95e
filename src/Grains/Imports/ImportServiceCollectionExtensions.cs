using Actors.Grains.Storage.Imports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Imports;

public static class ImportServiceCollectionExtensions
{
    /// <summary>
    /// Adds contact imports: the import file store, <see cref="ImportOptions"/> from the "Import" section of
    /// <paramref name="configuration"/> (the root configuration), the row writer, and the service that resumes
    /// unfinished imports once the silo has started (registered after it, so it starts after it).
    /// </summary>
    public static IServiceCollection AddContactImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddImportFiles(configuration);
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection(ImportOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImportOptions>, ImportOptionsValidator>());
        services.TryAddSingleton<ImportRowWriter>();
        services.AddHostedService<ImportResumeService>();
        return services;
    }
}
