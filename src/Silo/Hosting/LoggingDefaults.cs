using Microsoft.Extensions.Configuration.Memory;

namespace Actors.Silo.Hosting;

/// <summary>
/// The log levels both processes start with, wherever they are started. They are not in an appsettings.json: the host
/// reads that file from its working directory, which is the project folder under `dotnet run` but anything at all for
/// `dotnet Actors.Silo.dll`, and the Api, which references the silo project, has one of its own that a silo's would
/// collide with in its output and publish folder. At Information, ASP.NET Core writes two lines for every request, so a
/// silo's log was mostly its peers' pings and calls on the silo port.
/// </summary>
public static class LoggingDefaults
{
    public static readonly IReadOnlyDictionary<string, string?> Levels = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    /// <summary>Adds <see cref="Levels"/> below every other source, so appsettings.json, the environment and the command line override them.</summary>
    public static IConfigurationBuilder AddLoggingDefaults(this IConfigurationBuilder configuration)
    {
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
        return configuration;
    }
}
