using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Browser.Tests.Infrastructure;

/// <summary>A Kestrel app on 127.0.0.1 and a port the OS picks, so tests never collide on a fixed port.</summary>
internal static class LoopbackServer
{
    public static async Task<(WebApplication App, string Origin)> StartAsync(Action<WebApplication> configure)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        configure(app);
        await app.StartAsync();
        return (app, app.Urls.Single().TrimEnd('/'));
    }
}
