using System.Security.Cryptography.X509Certificates;

namespace Actors.Api.Ui;

/// <summary>
/// How the UI's data protection keys are kept (configuration section "DataProtection"). By default they are stored as
/// they are made, unencrypted; with a certificate each key is encrypted to it before it is stored (ASP.NET Core's
/// ProtectKeysWithCertificate), so reading the database no longer lets anyone forge a session: every replica needs the
/// same certificate, with its private key, to read the ring.
/// </summary>
public sealed class UiKeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file holding the certificate and its private key. Default none: keys are stored unencrypted.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>. Default none (a file without a password).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The configured certificate, loaded from its file, or null when none is configured.</summary>
    public X509Certificate2? LoadCertificate() =>
        CertificatePath is null ? null : X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword);
}
