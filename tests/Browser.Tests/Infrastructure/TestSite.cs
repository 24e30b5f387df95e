using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Actors.Browser.Tests.Infrastructure;

/// <summary>Origin A: the customer's web site, serving the HTML pages a test publishes.</summary>
internal sealed class TestSite : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> _pages = new();
    private WebApplication? _app;

    public string Origin { get; private set; } = "";

    public static async Task<TestSite> StartAsync()
    {
        var site = new TestSite();
        (site._app, site.Origin) = await LoopbackServer.StartAsync(app => app.Run(site.ServeAsync));
        return site;
    }

    public void Publish(string path, string html) => _pages[path] = html;

    private Task ServeAsync(HttpContext context)
    {
        if (!_pages.TryGetValue(context.Request.Path.Value ?? "", out var html))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
