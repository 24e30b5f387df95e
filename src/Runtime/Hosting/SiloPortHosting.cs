using System.Net;
using Actors.Runtime.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;

namespace Actors.Runtime.Hosting;

/// <summary>
/// Serves the silo port (Cluster:SiloPort, HTTP/2 cleartext only) from the same WebApplication as the process's
/// ordinary HTTP endpoints. Kestrel ignores the configured URLs once any endpoint is set in code, so the addresses
/// named by ASPNETCORE_URLS / --urls are bound here as well.
/// </summary>
public static class SiloPortHosting
{
    /// <summary>Kestrel's own default address, used when nothing names one.</summary>
    private const string DefaultUrl = "http://localhost:5000";

    public static WebApplicationBuilder ListenOnSiloPort(this WebApplicationBuilder builder)
    {
        var siloPort = SiloPort(builder.Configuration);
        // An impossible port is left to the options validator, which stops the start with a message naming it.
        if (siloPort is < 1 or > 65535)
            return builder;
        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey) is { Length: > 0 } configured ? configured : DefaultUrl;
        // Bound below instead; left in place, Kestrel would warn that it overrides them.
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenAnyIP(siloPort, listen => listen.Protocols = HttpProtocols.Http2);
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                Listen(kestrel, BindingAddress.Parse(url));
        });
        return builder;
    }

    /// <summary>Maps the cluster message endpoints on the silo port.</summary>
    public static WebApplication MapSiloMessaging(this WebApplication app)
    {
        // Read from configuration, not the validated options, so that a bad setting is reported by the start, not here.
        app.MapSiloMessaging(SiloPort(app.Configuration));
        return app;
    }

    private static int SiloPort(IConfiguration configuration)
        => configuration.GetSection(ClusterOptions.SectionName).GetValue(nameof(ClusterOptions.SiloPort), ClusterOptions.DefaultSiloPort);

    private static void Listen(KestrelServerOptions kestrel, BindingAddress address)
    {
        if (address.Scheme != "http")
            throw new SiloStartupException($"The address {address} cannot be served beside the silo port: only http:// addresses are supported in cluster mode.");
        if (address.Host is "localhost")
            kestrel.ListenLocalhost(address.Port);
        else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
            kestrel.Listen(ip, address.Port);
        else
            kestrel.ListenAnyIP(address.Port);
    }
}
