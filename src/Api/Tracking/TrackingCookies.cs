namespace Actors.Api.Tracking;

/// <summary>The cookies the tracker sets on its own domain (MAUTIC-SPEC 1.8).</summary>
public static class TrackingCookies
{
    public const string DeviceId = "mautic_device_id";
    public const string ContactId = "mtc_id";

    private static readonly TimeSpan DeviceLifetime = TimeSpan.FromDays(365);

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
