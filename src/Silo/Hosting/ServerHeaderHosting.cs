using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Actors.Silo.Hosting;

/// <summary>
/// Kestrel names itself in a <c>Server: Kestrel</c> header on every answer unless told not to; it tells a scanner what
/// to try and a client nothing it needs. Both hosts, the silo process and the Api, call it, and it covers every port
/// the process listens on (the silo port's too).
/// </summary>
public static class ServerHeaderHosting
{
    public static IServiceCollection OmitServerHeader(this IServiceCollection services)
        => services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
}
