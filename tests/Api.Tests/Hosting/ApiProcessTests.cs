using Actors.Api.Tests.Ui;
using Actors.Silo.Hosting;
using Actors.Testing;

namespace Actors.Api.Tests.Hosting;

/// <summary>`dotnet Actors.Api.dll`: the embedded default the README's `dotnet run --project src/Api` starts.</summary>
public sealed class ApiProcessTests() : HostProcessTests("Actors.Api.dll"), IDisposable
{
    /// <summary>A folder of this test's own for the certificates it writes.</summary>
    private readonly DirectoryInfo certificates = Directory.CreateTempSubdirectory("actors-key-ring-");

    public void Dispose() => certificates.Delete(recursive: true);

    /// <summary>The Api's own settings, some of them read while its services are added or its endpoints mapped, before the host starts.</summary>
    [Theory]
    [InlineData("Cluster__Mode=Client|Storage__Provider=Memory", ClusterHosting.MemoryStorageInClientMode)]
    [InlineData("Cluster__Mode=Client", ClusterHosting.InMemoryMembershipInClientMode)]
    [InlineData("Cluster__Mode=Client|Cluster__Membership__Provider=InMemory", ClusterHosting.InMemoryMembershipInClientMode)]
    [InlineData("Cluster__Mode=Bogus", "Cluster:Mode must be Embedded or Client (was 'Bogus').")]
    [InlineData("Tracking__TrustedProxies__0=010.0.0.1", "Tracking:TrustedProxies entry '010.0.0.1' is neither an IP address nor a CIDR range.")]
    [InlineData("Tracking__MaxTagsPerHit=-1|Tracking__NewTagsPerMinute=-1", "Tracking:MaxTagsPerHit must be at least 1 (was -1).; Tracking:NewTagsPerMinute must be 0 or more (was -1).")]
    [InlineData("Tracking__ValidDomains__0=example.com", "Tracking:ValidDomains entry 'example.com' must be an origin")]
    [InlineData("DataProtection__CertificatePath=/nonexistent/key-ring.pfx", "DataProtection:CertificatePath '/nonexistent/key-ring.pfx' is not a file.")]
    [InlineData("Storage__Provider=PostgreSql|Storage__ConnectionString=Host=127.0.0.1;Port=1;Username=x;Password=y;Database=z;Timeout=3;Maximum Pool Size=20|Api__MaxConcurrentStreams=20",
        "Api:MaxConcurrentStreams (20) must be less than the Max Pool Size (20) of Storage:ConnectionString")]
    public Task An_api_setting_refused_at_start_exits_1_with_one_line_naming_it(string environment, string reason)
        => AssertStartRefusedAsync(environment, reason);

    // The key ring certificate is checked while the services are added (Data Protection takes it only then), so the guard
    // ends the start before any host is built, which a WebApplicationFactory reports only as no host: these start the process.
    [Fact]
    public Task A_key_ring_certificate_that_its_password_does_not_open_exits_1_with_one_line_naming_the_setting()
    {
        var path = KeyRingCertificate.WriteRsa(certificates.FullName, "key-ring-password");

        return AssertStartRefusedAsync($"DataProtection__CertificatePath={path}|DataProtection__CertificatePassword=another-password",
            $"DataProtection:CertificatePath '{path}' could not be read as a PKCS#12 file with DataProtection:CertificatePassword: ");
    }

    [Fact]
    public Task A_key_ring_certificate_whose_key_is_not_rsa_exits_1_with_one_line_naming_the_setting()
    {
        var path = KeyRingCertificate.WriteEcdsa(certificates.FullName, "key-ring-password");

        return AssertStartRefusedAsync($"DataProtection__CertificatePath={path}|DataProtection__CertificatePassword=key-ring-password",
            $"DataProtection:CertificatePath '{path}' holds a key that is not RSA; encrypting the keys to a certificate needs an RSA key.");
    }
}
