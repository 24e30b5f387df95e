namespace Actors.Api.Tracking;

/// <summary>The cookies the tracker sets on its own domain (MAUTIC-SPEC 1.8).</summary>
public static class TrackingCookies
{
    public const string DeviceId = "mautic_device_id";
    public const string ContactId = "mtc_id";

    private static readonly TimeSpan DeviceLifetime = TimeSpan.FromDays(365);

    /// <summary>
    /// The first value the request's Cookie headers give the named cookie, as PHP's $_COOKIE keeps it for Mautic (ASP.NET's
    /// cookie collection keeps the last): a second copy, which a script on the tracked site or a cookie of another path can
    /// add, does not replace the device the tracker set. Null when the cookie is not sent.
    /// </summary>
    public static string? First(HttpRequest request, string name)
    {
        // Read in place: every tracked hit of a returning visitor passes here, and only the one value is copied out.
        foreach (var header in request.Headers.Cookie)
        {
            var text = header.AsSpan();
            foreach (var range in text.Split(';'))
            {
                var pair = text[range];
                var equals = pair.IndexOf('=');
                if (equals > 0 && pair[..equals].Trim().SequenceEqual(name))
                    return Uri.UnescapeDataString(pair[(equals + 1)..].Trim().Trim('"'));
            }
        }
        return null;
    }

    /// <summary>
    /// Sets the device cookie for a year and the contact cookie for the session. SameSite=None with
    /// Secure, because the tracker is a third party on the tracked site.
    /// </summary>
    public static void Write(HttpResponse response, TrackedVisitor visitor)
    {
        response.Cookies.Append(DeviceId, visitor.DeviceId, new CookieOptions
        {
            MaxAge = DeviceLifetime,
            Path = "/",
            SameSite = SameSiteMode.None,
            Secure = true,
            HttpOnly = false,
            IsEssential = true,
        });
        response.Cookies.Append(ContactId, visitor.ContactId.ToString(System.Globalization.CultureInfo.InvariantCulture), new CookieOptions
        {
            Path = "/",
            SameSite = SameSiteMode.None,
            Secure = true,
            HttpOnly = false,
            IsEssential = true,
        });
    }
}
