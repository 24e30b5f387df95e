using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Actors.Api.Tests.Ui;

/// <summary>Self-signed certificates with their private keys, written as PKCS#12 files for DataProtection:CertificatePath.</summary>
internal static class KeyRingCertificate
{
    private const string Subject = "CN=actors key ring";

    public static string WriteRsa(string directory, string password)
    {
        using var key = RSA.Create(2048);
        return Write(new CertificateRequest(Subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), Path.Combine(directory, "key-ring.pfx"), password);
    }

    /// <summary>A certificate the Api refuses: XML encryption to a certificate wraps keys with RSA only.</summary>
    public static string WriteEcdsa(string directory, string password)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Write(new CertificateRequest(Subject, key, HashAlgorithmName.SHA256), Path.Combine(directory, "ecdsa-key-ring.pfx"), password);
    }

    private static string Write(CertificateRequest request, string path, string password)
    {
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}
