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
/// unencrypted, like everything else in that database (whoever can read it can forge a session), unless
/// <see cref="UiKeyRingOptions.CertificatePath"/> names a certificate to encrypt them to.
/// </summary>
public static class UiKeyRing
{
    /// <summary>Every replica protects with this name; cookies protected under another one (the default is the content root) no longer read.</summary>
    public const string ApplicationName = "actors";

    public static IServiceCollection AddUiKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var keyRing = services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>, IServiceProvider>((keys, storage, provider) =>
        {
            if (storage.Value.ProviderKind != StorageProvider.Memory)
                keys.XmlRepository = new StoredKeyRing(provider.GetRequiredService<KeyRingTable>());
        });
        // Checked and loaded now, not through IOptions at start: Data Protection takes the certificate that decrypts
        // keys only while its services are added.
        var options = configuration.GetSection(UiKeyRingOptions.SectionName).Get<UiKeyRingOptions>() ?? new UiKeyRingOptions();
        if (new UiKeyRingOptionsValidator().Validate(null, options) is { Failed: true } refused)
            throw new OptionsValidationException(UiKeyRingOptions.SectionName, typeof(UiKeyRingOptions), refused.Failures);
        if (options.LoadCertificate() is { } certificate)
            keyRing.ProtectKeysWithCertificate(certificate);
        return services;
    }

    /// <summary>
    /// Data Protection's repository interface is synchronous. It reads the ring at first use and about once a day
    /// after, and writes only when it makes a key (every 90 days), so waiting on the database blocks a request rarely.
    /// A key made because the ring was empty is the first key, and is kept only if the table is still empty: front ends
    /// starting together would otherwise each make one, each use its own (the key manager re-reads the ring after
    /// making a key, but the other's may land later) and refuse the other's cookies from two minutes after their start,
    /// when Data Protection stops re-reading the ring for unknown keys, until their daily refresh. The one that loses
    /// re-reads the ring and uses the winner's key. Later keys are made days before they activate, which leaves every
    /// replica's daily refresh time to see them, so they need no such care.
    /// </summary>
    private sealed class StoredKeyRing(KeyRingTable table) : IXmlRepository
    {
        private volatile bool _empty;

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            var elements = table.ReadAllAsync(CancellationToken.None).GetAwaiter().GetResult();
            _empty = elements.Count == 0;
            return [.. elements.Select(xml => XElement.Parse(xml))];
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            var xml = element.ToString(SaveOptions.DisableFormatting);
            if (_empty)
                table.AddFirstAsync(friendlyName, xml, CancellationToken.None).GetAwaiter().GetResult();
            else
                table.AddAsync(friendlyName, xml, CancellationToken.None).GetAwaiter().GetResult();
        }
    }
}
