using System.Collections.Concurrent;
using Actors.Api.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Actors.Browser.Tests.Infrastructure;

/// <summary>How the recording tracker answers; the defaults are a healthy tracker that allows the site's origin.</summary>
internal sealed record TrackerBehaviour(bool AllowCors = true, int EventStatus = 200, int PixelStatus = 200, string PathPrefix = "");

/// <summary>One request as the tracker received it.</summary>
internal sealed record RecordedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Form,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Cookies)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// Origin B: a test double of the tracker for checking what the script sends. It serves the real embedded mtc.js
/// and answers /mtc/event, /mtracking.gif and /mtc with the shapes of MAUTIC-SPEC 1.4-1.6 and the CORS rules of 1.9,
/// recording every request (preflights included). Every answer names the same contact and device, and sets the
/// tracker cookie mautic_referer_id (a name the script never writes itself, so seeing it come back proves the
/// browser kept the tracker's own cookie).
/// </summary>
internal sealed class RecordingTracker : IAsyncDisposable
{
    public const int ContactId = 42;
    public const string DeviceId = "k3v9x0q2m7c1p8w4z6r5t0y";
    public const string RefererCookie = "mautic_referer_id";

    /// <summary>The 43-byte transparent GIF of MAUTIC-SPEC 1.6.</summary>
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAJAAAP8AAAAAACH5BAUQAAAALAAAAAABAAEAAAICBAEAOw==");

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly TrackerBehaviour _behaviour;
    private readonly string _siteOrigin;
    private WebApplication? _app;
    private int _hits;

    private RecordingTracker(string siteOrigin, TrackerBehaviour behaviour) => (_siteOrigin, _behaviour) = (siteOrigin, behaviour);

    /// <summary>Where the embed snippet loads the script from: origin and path prefix.</summary>
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> To(string method, string path) =>
        [.. _requests.Where(r => r.Method == method && r.Path == _behaviour.PathPrefix + path)];

    public static async Task<RecordingTracker> StartAsync(string siteOrigin, TrackerBehaviour behaviour)
    {
        var tracker = new RecordingTracker(siteOrigin, behaviour);
        (tracker._app, var origin) = await LoopbackServer.StartAsync(tracker.Map);
        tracker.BaseUrl = origin + behaviour.PathPrefix;
        return tracker;
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await RecordAsync(context.Request);
            if (HttpMethods.IsOptions(context.Request.Method))
            {
                AddCorsHeaders(context, context.Request.Headers.ContainsKey("Access-Control-Request-Headers"));
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
            AddCorsHeaders(context, context.Request.Headers.XRequestedWith == "XMLHttpRequest");
            await next(context);
        });
        var group = app.MapGroup(_behaviour.PathPrefix);
        group.MapTrackingScript();
        group.MapPost("/mtc/event", TrackEvent);
        group.MapGet("/mtracking.gif", TrackPixel);
        group.MapGet("/mtc", (HttpContext context) => Results.Json(new { id = ContactId, sid = DeviceId, device_id = DeviceId }));
    }

    private IResult TrackEvent(HttpContext context)
    {
        if (_behaviour.EventStatus != StatusCodes.Status200OK)
        {
            return Results.StatusCode(_behaviour.EventStatus);
        }
        SetRefererCookie(context);
        return Results.Json(new { success = 1, id = ContactId, sid = DeviceId, device_id = DeviceId, events = Array.Empty<object>() });
    }

    private IResult TrackPixel(HttpContext context)
    {
        if (_behaviour.PixelStatus != StatusCodes.Status200OK)
        {
            return Results.Text("no pixel today", statusCode: _behaviour.PixelStatus);
        }
        SetRefererCookie(context);
        return Results.Bytes(Pixel, "image/gif");
    }

    // Lax rather than the real tracker's None: None needs Secure, which plain-http tests cannot have, and the two
    // origins share the host 127.0.0.1, so the calls are same-site and Lax cookies travel with credentialed requests.
    private void SetRefererCookie(HttpContext context) =>
        context.Response.Cookies.Append(RefererCookie, Interlocked.Increment(ref _hits).ToString(),
            new CookieOptions { Path = "/", SameSite = SameSiteMode.Lax });

    private void AddCorsHeaders(HttpContext context, bool corsRequest)
    {
        if (!_behaviour.AllowCors || !corsRequest || context.Request.Headers.Origin != _siteOrigin)
        {
            return;
        }
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = _siteOrigin;
        headers.AccessControlAllowCredentials = "true";
        headers.AccessControlAllowHeaders = "Origin, X-Requested-With, Content-Type, Authorization";
        headers.AccessControlAllowMethods = "PUT, GET, POST, DELETE, OPTIONS";
    }

    private async Task RecordAsync(HttpRequest request)
    {
        var form = request.HasFormContentType
            ? (await request.ReadFormAsync()).ToDictionary(field => field.Key, field => field.Value.ToString())
            : [];
        _requests.Enqueue(new RecordedRequest(
            request.Method,
            request.Path.Value ?? "",
            request.Query.ToDictionary(field => field.Key, field => field.Value.ToString()),
            form,
            request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            request.Cookies.ToDictionary(cookie => cookie.Key, cookie => cookie.Value)));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
