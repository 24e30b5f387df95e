using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Actors.Testing;

namespace Actors.Api.Tests.Auth;

/// <summary>The first start of the built Api with nothing configured, as an operator sees it on the console.</summary>
public sealed partial class FirstAdminProcessTests
{
    [Fact]
    public async Task With_nothing_configured_a_random_admin_password_is_printed_once_and_a_configured_one_replaces_it_later()
    {
        var folder = Directory.CreateTempSubdirectory("actors-first-admin-").FullName;
        try
        {
            string password;
            await using (var first = HostProcess.Start("Actors.Api.dll", workingDirectory: folder))
            {
                await first.WaitForStatusAsync("/readyz", HttpStatusCode.OK);
                password = await PrintedPasswordAsync(first);
                Assert.True(password.Length >= 20);
                Assert.Equal(HttpStatusCode.OK, (await SignedIn(first, password).GetAsync("/api/users/self")).StatusCode);
            }

            await using (var second = HostProcess.Start("Actors.Api.dll", workingDirectory: folder))
            {
                await second.WaitForStatusAsync("/readyz", HttpStatusCode.OK);
                Assert.Equal(HttpStatusCode.OK, (await SignedIn(second, password).GetAsync("/api/users/self")).StatusCode);
                Assert.DoesNotContain("with password", second.StandardOutput);
                Assert.DoesNotContain(password, second.StandardOutput + second.StandardError);
            }

            await using var configured = HostProcess.Start("Actors.Api.dll", new Dictionary<string, string> { ["Api__AdminPassword"] = "chosen-password" }, workingDirectory: folder);
            await configured.WaitForStatusAsync("/readyz", HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignedIn(configured, password).GetAsync("/api/users/self")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SignedIn(configured, "chosen-password").GetAsync("/api/users/self")).StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The line is printed before Kestrel listens, but the pipe's reader may deliver it a moment after /readyz answers.</summary>
    private static async Task<string> PrintedPasswordAsync(HostProcess host)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (PasswordLine().Match(host.StandardOutput) is { Success: true } line)
                return line.Groups["password"].Value;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"No password line in:\n{host.StandardOutput}");
    }

    private static HttpClient SignedIn(HostProcess host, string password)
    {
        host.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + password)));
        return host.Client;
    }

    [GeneratedRegex("Created API user 'admin' with password '(?<password>[^']+)'; set Api:AdminPassword to choose your own\\.")]
    private static partial Regex PasswordLine();
}
