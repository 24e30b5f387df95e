using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Hosting;

/// <summary>Applies <see cref="ConnectionLimitOptions"/> to Kestrel; both hosts, the silo process and the Api, call it.</summary>
public static class ConnectionLimitHosting
{
    public static IServiceCollection AddConnectionLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var openFileLimit = OpenFileLimit.Read();
        services.AddOptions<ConnectionLimitOptions>().Bind(configuration.GetSection(ConnectionLimitOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConnectionLimitOptions>>(new ConnectionLimitOptionsValidator(openFileLimit));
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ConnectionLimitOptions>>((kestrel, limit)
            => kestrel.Limits.MaxConcurrentConnections = Configured(limit)?.EffectiveFor(openFileLimit));
        return services;
    }

    /// <summary>
    /// The options, or null when they are refused: WebApplication builds Kestrel (and so reads its options) before the
    /// host validates options, so refused ones are left to that validation (ValidateOnStart), which reports them with
    /// every other refused setting and stops the start before Kestrel listens.
    /// </summary>
    private static ConnectionLimitOptions? Configured(IOptions<ConnectionLimitOptions> limit)
    {
        try
        {
            return limit.Value;
        }
        catch (Exception refused) when (refused is OptionsValidationException or InvalidOperationException)
        {
            return null;
        }
    }
}
