using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Actors.Api.Ui;

/// <summary>Refuses a key ring certificate that cannot protect keys, naming the setting, at start rather than at the first sign-in.</summary>
internal sealed class UiKeyRingOptionsValidator : IValidateOptions<UiKeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, UiKeyRingOptions options)
    {
        const string section = UiKeyRingOptions.SectionName;
        if (options.CertificatePath is null)
        {
            return options.CertificatePassword is null
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{section}:CertificatePassword is set but {section}:CertificatePath is not.");
        }
        if (!File.Exists(options.CertificatePath))
            return ValidateOptionsResult.Fail($"{section}:CertificatePath '{options.CertificatePath}' is not a file.");
        try
        {
            using var certificate = options.LoadCertificate()!;
            if (!certificate.HasPrivateKey)
                return ValidateOptionsResult.Fail($"{section}:CertificatePath '{options.CertificatePath}' holds no private key, which reading the keys needs.");
            // XML encryption to a certificate wraps the key with RSA only; any other key started and then failed every sign-in.
            using var rsa = certificate.GetRSAPrivateKey();
            return rsa is not null
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{section}:CertificatePath '{options.CertificatePath}' holds a key that is not RSA; encrypting the keys to a certificate needs an RSA key.");
        }
        catch (CryptographicException unreadable)
        {
            return ValidateOptionsResult.Fail(
                $"{section}:CertificatePath '{options.CertificatePath}' could not be read as a PKCS#12 file with {section}:CertificatePassword: {unreadable.Message}");
        }
    }
}
