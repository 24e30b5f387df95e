using Actors.Grains.Storage.Imports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Imports;

public static class ImportServiceCollectionExtensions
{
    /// <summary>
    /// Adds what receiving an upload needs, in whichever process serves the API: the import file store that the
    /// job grains read the file back from, and <see cref="ImportOptions"/> from the "Import" section of
    /// <paramref name="configuration"/> (the root configuration).
    /// </summary>
    public static IServiceCollection AddImportUploads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddImportFiles(configuration);
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection(ImportOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImportOptions>, ImportOptionsValidator>());
        return services;
    }

    /// <summary>
    /// Adds contact imports to a silo: the uploads' store and options, the row writer of the job grains, and the
    /// service that resumes unfinished imports once the silo has started (registered after it, so it starts after it).
    /// </summary>
    public static IServiceCollection AddContactImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddImportUploads(configuration);
        services.TryAddSingleton<ImportRowWriter>();
        services.AddHostedService<ImportResumeService>();
        return services;
    }
}
