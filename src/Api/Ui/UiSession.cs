using Actors.Api.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Actors.Api.Ui;

/// <summary>
/// The operator UI's sign-in: a cookie session (HttpOnly, SameSite=Strict) holding the API user's claims, and
/// antiforgery tokens that every state-changing request must carry: in the X-CSRF-TOKEN header for the client app's
/// calls, in a form field for the UI's own forms (see <see cref="UiSessionReader"/>).
/// The same session signs the browser's calls to /api (see <see cref="BasicAuthenticationFilter"/>).
/// </summary>
public static class UiSession
{
    public const string Scheme = "OperatorUi";
    public const string CookieName = "actors_ui";
    public const string AntiforgeryCookieName = "actors_ui_xsrf";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";
    public const string AntiforgeryField = "__RequestVerificationToken";
    public const string LoginPath = "/ui/login";

    private const string SuppressAutoDefaultSchemeSwitch = "Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme";

    public static IServiceCollection AddOperatorUi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UiOptions>().Bind(configuration.GetSection(UiOptions.SectionName))
            .Validate(o => o.SessionLifetime > TimeSpan.Zero, $"{UiOptions.SectionName}:SessionLifetime must be positive.")
            .ValidateOnStart();
        // No default scheme, not even the one that ASP.NET Core makes of a lone scheme: the session is read where it counts
        // (UiSessionReader, the API's filter), so a tracking hit (most of the traffic) never runs the cookie handler.
        AppContext.SetSwitch(SuppressAutoDefaultSchemeSwitch, true);
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.Path = "/";
            cookie.SlidingExpiration = true;
            cookie.LoginPath = LoginPath;
        });
        services.AddOptions<CookieAuthenticationOptions>(Scheme)
            .Configure<IOptions<UiOptions>>((cookie, ui) => cookie.ExpireTimeSpan = ui.Value.SessionLifetime);
        services.AddUiKeyRing(configuration);
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = AntiforgeryCookieName;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            // Antiforgery's default is never Secure, even over HTTPS; the session cookie's rule instead.
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.HeaderName = AntiforgeryHeader;
            antiforgery.FormFieldName = AntiforgeryField;
        });
        services.AddSingleton<UiSessionReader>();
        return services;
    }
}
