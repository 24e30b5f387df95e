using System.Security.Claims;
using Actors.Api.Auth;
using Actors.Interfaces.Users;
using Actors.Runtime;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Actors.Api.Ui;

/// <summary>What a request's UI session says: nobody, a signed-in user, or a user whose state-changing request lacks a valid antiforgery token.</summary>
public enum UiSessionState { None, SignedIn, Forged }

/// <summary>
/// Reads the UI session cookie of a request. The user is read again on every request, as Basic authentication does,
/// so a session stops working at once when its user is unpublished or deleted, or no longer the user it was issued to
/// (<see cref="UiSessionPrincipal.SpeaksFor"/>), or when the session was signed out; unsafe methods must carry the
/// antiforgery token.
/// </summary>
/// <remarks>
/// The calls the client app makes (/api, /ui/api) carry the token in the X-CSRF-TOKEN header only. Looking for it in
/// a form body would read the body before the endpoint's own reader, which then found it empty: a PATCH changed
/// nothing and answered 200. A header is also what no cross-site form can send. Only the UI's own forms (sign-out)
/// carry the token as a form field, and their endpoint reads nothing else of the body.
/// </remarks>
public sealed class UiSessionReader(IGrainFactory grains, IAntiforgery antiforgery, IOptions<UiOptions> options)
{
    /// <summary>The 403's message for a session's call without its token.</summary>
    public const string MissingToken = $"The request lacks the session's antiforgery token in the {UiSession.AntiforgeryHeader} header.";

    /// <summary>The session of a call the client app makes, whose token must come in the header.</summary>
    public Task<(UiSessionState State, ClaimsPrincipal? User)> ReadAsync(HttpContext http) => ReadAsync(http, formToken: false);

    private async Task<(UiSessionState State, ClaimsPrincipal? User)> ReadAsync(HttpContext http, bool formToken)
    {
        var result = await http.AuthenticateAsync(UiSession.Scheme);
        if (!result.Succeeded)
            return (UiSessionState.None, null);
        var user = UiSessionPrincipal.SessionOf(result.Principal) is { } session
            ? await grains.GetGrain<IUserGrain>(IUserGrain.KeyOf(result.Principal.Username())).GetForSession(session)
            : null;
        if (user is not { IsPublished: true } || !UiSessionPrincipal.SpeaksFor(result.Principal, user))
        {
            // Signing out deletes the cookie, and stops the cookie handler from renewing a session that has ended.
            await http.SignOutAsync(UiSession.Scheme);
            return (UiSessionState.None, null);
        }
        var principal = ApiPrincipal.For(user);
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
            return (UiSessionState.SignedIn, principal);
        http.User = principal;
        return await HasValidTokenAsync(http, formToken) ? (UiSessionState.SignedIn, principal) : (UiSessionState.Forged, principal);
    }

    /// <summary>
    /// Signs the request's session out, in the browser and on the server, so that a kept copy of its cookie no longer
    /// signs in. Answers false, ending nothing, when the request is a forgery (no valid antiforgery token).
    /// </summary>
    public async Task<bool> EndAsync(HttpContext http)
    {
        var (state, user) = await ReadAsync(http, formToken: true);
        if (state == UiSessionState.Forged)
            return false;
        var result = await http.AuthenticateAsync(UiSession.Scheme);
        if (user is not null && result.Succeeded && UiSessionPrincipal.SessionOf(result.Principal) is { } session)
            await grains.GetGrain<IUserGrain>(IUserGrain.KeyOf(user.Username())).EndSession(session, DateTimeOffset.UtcNow + options.Value.SessionLifetime);
        await http.SignOutAsync(UiSession.Scheme);
        return true;
    }

    // Given the header, antiforgery reads the token from it and never the body. Without it, and when a form token is
    // taken, it looks in the form, and throws when the form cannot be read (no boundary, cut short, beyond the form
    // limits): a token that cannot be read is a token the request lacks.
    private async Task<bool> HasValidTokenAsync(HttpContext http, bool formToken)
    {
        if (!formToken && !http.Request.Headers.ContainsKey(UiSession.AntiforgeryHeader))
            return false;
        try
        {
            return await antiforgery.IsRequestValidAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }
}
