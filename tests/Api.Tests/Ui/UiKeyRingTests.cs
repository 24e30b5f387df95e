using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Actors.Api.Tests.Cluster;
using Actors.Api.Tests.Infrastructure;
using Actors.Grains.Storage.KeyRing;
using Actors.Runtime.TestingHost;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using static Actors.Api.Tests.Ui.UiSessionTests;

namespace Actors.Api.Tests.Ui;

/// <summary>
/// The keys that protect the UI's session and antiforgery cookies are kept in the storage, so a cookie one Api replica
/// issued works on every other replica of the same database, and after a restart on the same file.
/// </summary>
public abstract class UiKeyRingTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_session_and_antiforgery_token_issued_by_one_replica_work_on_another_of_the_same_database()
    {
        var shared = store();
        await using var first = Replica(shared);
        await using var second = Replica(shared.Borrowed());
        var cookies = new CookieContainer();

        var token = await SignInAsync(first.CreateDefaultClient(new CookieContainerHandler(cookies)));

        await AssertSessionWorksAsync(second.CreateDefaultClient(new CookieContainerHandler(cookies)), token, "other-replica@example.com");
    }

    [Fact]
    public async Task A_session_and_antiforgery_token_survive_a_restart_on_the_same_storage()
    {
        var shared = store();
        var cookies = new CookieContainer();
        string token;
        await using (var before = Replica(shared.Borrowed()))
            token = await SignInAsync(before.CreateDefaultClient(new CookieContainerHandler(cookies)));

        await using var after = Replica(shared);

        await AssertSessionWorksAsync(after.CreateDefaultClient(new CookieContainerHandler(cookies)), token, "after-restart@example.com");
    }

    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_a_session_works_on_a_replica_with_the_same_certificate()
    {
        var shared = store();
        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = KeyRingCertificate.WriteRsa(shared.DataDirectory, "key-ring-password"),
            ["DataProtection:CertificatePassword"] = "key-ring-password",
        };
        await using var first = Replica(shared, settings);
        await using var second = Replica(shared.Borrowed(), settings);
        var cookies = new CookieContainer();

        var token = await SignInAsync(first.CreateDefaultClient(new CookieContainerHandler(cookies)));

        await AssertSessionWorksAsync(second.CreateDefaultClient(new CookieContainerHandler(cookies)), token, "encrypted-ring@example.com");
        var key = XElement.Parse(Assert.Single(await first.Services.GetRequiredService<KeyRingTable>().ReadAllAsync(CancellationToken.None)));
        Assert.Empty(key.Descendants("masterKey"));
        Assert.Single(key.Descendants(XName.Get("EncryptedData", "http://www.w3.org/2001/04/xmlenc#")));
    }

    internal static async Task AssertSessionWorksAsync(HttpClient browser, string antiforgeryToken, string email)
    {
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/users/self")).StatusCode);
        using var write = new HttpRequestMessage(HttpMethod.Post, "/api/contacts/new") { Content = JsonContent.Create(new { email }) };
        write.Headers.Add("X-CSRF-TOKEN", antiforgeryToken);
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(write)).StatusCode);
    }

    /// <summary>
    /// An Api host whose fallback key ring is its own, as a pod's is without a shared volume (in this test process every
    /// host would otherwise share the user profile's key folder); the product's key ring, when it sets one, replaces it.
    /// </summary>
    private static ApiFactory Replica(TestStore store, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(store, settings, WithPrivateFallbackKeyRing);

    private static void WithPrivateFallbackKeyRing(IServiceCollection services) =>
        services.PostConfigure<KeyManagementOptions>(keys => keys.XmlRepository ??= new PrivateKeyRing());

    /// <summary>An Api host in client mode of <paramref name="cluster"/>, with a key ring of its own to fall back on.</summary>
    internal static ApiFactory ClientReplica(TestStore store, TestCluster cluster) =>
        new(store, new Dictionary<string, string?>
        {
            ["Cluster:Mode"] = "Client",
            ["Cluster:ClusterId"] = cluster.ClusterId,
        }, services => WithPrivateFallbackKeyRing(services.AddSingleton(cluster.MembershipTable)));

    private sealed class PrivateKeyRing : IXmlRepository
    {
        private readonly List<XElement> _elements = [];

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            lock (_elements)
                return [.. _elements.Select(element => new XElement(element))];
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            lock (_elements)
                _elements.Add(new XElement(element));
        }
    }
}

public sealed class SqliteUiKeyRingTests() : UiKeyRingTests(TestStore.Sqlite);

public sealed class PostgreSqlUiKeyRingTests() : UiKeyRingTests(TestStore.PostgreSql);
