using System.Xml.Linq;
using Actors.Grains.Storage.KeyRing;
using Actors.Runtime.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Actors.Api.Ui;

/// <summary>
/// Where the keys that protect the operator UI's cookies (session, antiforgery) live. With a durable storage (SQLite,
/// PostgreSQL) they are the storage's <see cref="KeyRingTable"/>, under one application name, so a cookie one Api
/// replica issued is read by every other and survives a restart; with Memory storage the process keeps ASP.NET Core's
/// default key ring (the user profile's folder, or memory), as it keeps nothing else either. The keys are stored
/// unencrypted, like everything else in that database: whoever can read it can forge a session.
/// </summary>
public static class UiKeyRing
{
    /// <summary>Every replica protects with this name; cookies protected under another one (the default is the content root) no longer read.</summary>
    public const string ApplicationName = "actors";

    public static IServiceCollection AddUiKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>, IServiceProvider>((keys, storage, provider) =>
        {
            if (storage.Value.ProviderKind != StorageProvider.Memory)
                keys.XmlRepository = new StoredKeyRing(provider.GetRequiredService<KeyRingTable>());
        });
        return services;
    }

    /// <summary>
    /// Data Protection's repository interface is synchronous. It reads the ring at first use and about once a day
    /// after, and writes only when it makes a key (every 90 days), so waiting on the database blocks a request rarely.
    /// </summary>
    private sealed class StoredKeyRing(KeyRingTable table) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() =>
            [.. table.ReadAllAsync(CancellationToken.None).GetAwaiter().GetResult().Select(xml => XElement.Parse(xml))];

        public void StoreElement(XElement element, string friendlyName) =>
            table.AddAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting), CancellationToken.None).GetAwaiter().GetResult();
    }
}
