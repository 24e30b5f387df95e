using Microsoft.AspNetCore.Hosting;

namespace Actors.Silo.Hosting;

/// <summary>
/// Where a silo process listens when nothing says. Kestrel's own default, http://localhost:5000, is the Api's,
/// and a developer running a silo beside an Api on one machine should not get "address already in use".
/// </summary>
public static class SiloUrls
{
    public const string Default = "http://localhost:5100";

    /// <summary>Listens on <paramref name="url"/> unless ASPNETCORE_URLS, --urls or ASPNETCORE_HTTP(S)_PORTS names an address.</summary>
    public static IWebHostBuilder UseUrlsUnlessConfigured(this IWebHostBuilder webHost, string url)
    {
        string[] addressSettings = [WebHostDefaults.ServerUrlsKey, WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey];
        return addressSettings.Any(setting => !string.IsNullOrEmpty(webHost.GetSetting(setting))) ? webHost : webHost.UseUrls(url);
    }
}
