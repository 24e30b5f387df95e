using System.Globalization;
using System.Net;
using Actors.Api.Auth;
using Actors.Api.Errors;
using Actors.Api.Http;
using Actors.Api.Tracking;
using Actors.Api.Ui.Dashboard;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;

namespace Actors.Api.Ui;

/// <summary>
/// The operator UI under /ui: sign-in and sign-out, the assets (and a /favicon.ico answer), the shell for every page (the client app draws the
/// page for its path and talks to /api with the session), and /ui/api, the few JSON answers the UI needs that
/// Mautic's API has no place for (the field catalog with short-form flags, who owns an identifier, the dashboard).
/// </summary>
public static class UiEndpoints
{
    private const string Home = "/ui/contacts";

    public static IEndpointRouteBuilder MapOperatorUi(this IEndpointRouteBuilder endpoints)
    {
        var ui = endpoints.MapGroup("/ui").ExcludeFromDescription().AnswerHeadAsGet();
        ui.AddEndpointFilter<UiSecurityHeaders>();
        ui.AddEndpointFilter<UiFailures>();
        ui.MapGet("", () => Results.Redirect(Home));
        ui.MapGet("/login", LoginForm);
        ui.MapPost("/login", LoginAsync);
        ui.MapPost("/logout", LogoutAsync);
        ui.MapGet("/assets/{file}", UiAssets.Serve);
        var json = ui.MapGroup("/api");
        json.AddEndpointFilter(RequireSessionAsync);
        json.MapUiFields();
        json.MapUiDevices();
        json.MapClusterDashboard();
        ui.MapGet("/{**page}", ShellAsync);
        // Every UI page names its icon (UiPages.Icon); a browser that opens another answer, a JSON one, still asks here
        // by habit, and a 204 it may keep for a day tells it there is none rather than filling the logs with 404s.
        endpoints.MapGet("/favicon.ico", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.NoContent();
        }).ExcludeFromDescription().AnswerHeadAsGet();
        return endpoints;
    }

    private static IResult LoginForm(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? expired)
        => Html(UiPages.Login(antiforgery.GetAndStoreTokens(http).RequestToken!, LocalOrHome(returnUrl), null, null,
            expired is null ? null : "Your session has ended; sign in again."));

    private static async Task<IResult> LoginAsync(
        HttpContext http, IAntiforgery antiforgery, CredentialVerifier verifier, LoginThrottle throttle, ClientAddressPolicy addresses,
        ILoggerFactory loggers)
    {
        // A body that is not a form, or one the form reader refuses, carries neither credentials nor a token to check.
        var form = http.Request.HasFormContentType ? await RequestForm.ReadOrNullAsync(http.Request, http.RequestAborted) : null;
        if (form is null)
        {
            var token = antiforgery.GetAndStoreTokens(http).RequestToken!;
            return Html(UiPages.Login(token, Home, null, "The form could not be read; please sign in again.", null), StatusCodes.Status400BadRequest);
        }
        var username = form["username"].ToString().Trim();
        var returnUrl = LocalOrHome(form["returnUrl"]);
        IResult Again(string error, int status)
        {
            var token = antiforgery.GetAndStoreTokens(http).RequestToken!;
            return Html(UiPages.Login(token, returnUrl, username, error, null), status);
        }
        if (!await antiforgery.IsRequestValidAsync(http))
            return Again("The form expired; please sign in again.", StatusCodes.Status400BadRequest);
        var address = addresses.Resolve(http.Connection.RemoteIpAddress, http.Request.Headers["X-Forwarded-For"].ToString()) ?? IPAddress.None;
        // Asked before the password is hashed, so that a refused guess costs no hash.
        var wait = throttle.ClientRetryAfter(address) ?? (username.Length > 0 ? throttle.UserRetryAfter(address, username) : null);
        if (wait is { } left)
        {
            var retryAfter = Math.Ceiling(left.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            http.Response.Headers[HeaderNames.RetryAfter] = retryAfter;
            return Again($"Too many failed sign-ins; try again in {retryAfter} seconds.", StatusCodes.Status429TooManyRequests);
        }
        var user = username.Length == 0 ? null : await verifier.VerifyAsync(username, form["password"].ToString());
        if (user is null)
        {
            if (username.Length > 0)
            {
                throttle.RecordFailure(address, username);
                FailedSignInLog.Form(loggers.CreateLogger(typeof(UiEndpoints)), username, address);
            }
            return Again("Wrong username or password.", StatusCodes.Status401Unauthorized);
        }
        throttle.RecordSuccess(address, user.Username);
        await http.SignInAsync(UiSession.Scheme, UiSessionPrincipal.For(user));
        return Results.Redirect(returnUrl);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, UiSessionReader sessions)
    {
        if (!await sessions.EndAsync(http))
            return Html(UiPages.Problem("Not signed out", "The request lacked its antiforgery token."), StatusCodes.Status400BadRequest);
        return Results.Redirect(UiSession.LoginPath);
    }

    private static async Task<IResult> ShellAsync(HttpContext http, UiSessionReader sessions, IAntiforgery antiforgery)
    {
        var (_, user) = await sessions.ReadAsync(http);
        if (user is null)
        {
            // A session cookie that no longer signs in is a session that ended, worth saying on the login form.
            var ended = http.Request.Cookies.ContainsKey(UiSession.CookieName) ? "expired=1&" : "";
            return Results.Redirect($"{UiSession.LoginPath}?{ended}returnUrl={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}");
        }
        http.User = user;
        return Html(UiPages.Shell(antiforgery.GetAndStoreTokens(http).RequestToken!, user.Username()));
    }

    private static async ValueTask<object?> RequireSessionAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var (state, user) = await http.RequestServices.GetRequiredService<UiSessionReader>().ReadAsync(http);
        if (state == UiSessionState.Forged)
            return ApiErrors.Problem(StatusCodes.Status403Forbidden, UiSessionReader.MissingToken, type: "access_denied");
        if (user is null)
            return ApiErrors.Problem(StatusCodes.Status401Unauthorized, "The session has ended; sign in again.", type: "access_denied");
        http.User = user;
        return await next(context);
    }

    private static string LocalOrHome(string? url) => UiReturnUrl.AsLocation(url) ?? Home;

    private static IResult Html(string body, int status = StatusCodes.Status200OK) => Results.Content(body, "text/html; charset=utf-8", statusCode: status);
}
