using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Actors.Testing;

namespace Actors.Browser.Tests.Infrastructure;

/// <summary>
/// The real service as its own process (embedded silo, SQLite), allowing the test site's origin to call it from
/// scripts. Its client signs /api calls in; the tracking calls the browser makes stay public.
/// </summary>
internal static class RealTracker
{
    private const string AdminPassword = "real-tracker-password";

    public static async Task<HostProcess> StartAsync(TestSite site)
    {
        var service = HostProcess.Start("Actors.Api.dll", new Dictionary<string, string>
        {
            ["Tracking__ValidDomains__0"] = site.Origin,
            ["Api__AdminUser"] = "admin",
            ["Api__AdminPassword"] = AdminPassword,
        });
        await service.WaitForStatusAsync("/readyz", HttpStatusCode.OK);
        service.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + AdminPassword)));
        return service;
    }
}
