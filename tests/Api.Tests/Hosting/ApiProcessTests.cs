using Actors.Silo.Hosting;
using Actors.Testing;

namespace Actors.Api.Tests.Hosting;

/// <summary>`dotnet Actors.Api.dll`: the embedded default the README's `dotnet run --project src/Api` starts.</summary>
public sealed class ApiProcessTests() : HostProcessTests("Actors.Api.dll")
{
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
    public Task An_api_setting_refused_at_start_exits_1_with_one_line_naming_it(string environment, string reason)
        => AssertStartRefusedAsync(environment, reason);
}
