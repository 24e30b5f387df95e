using System.Text;
using Microsoft.Net.Http.Headers;

namespace Actors.Api.Auth;

/// <summary>The username and password of an <c>Authorization: Basic base64(username:password)</c> header (RFC 7617, UTF-8).</summary>
public sealed record BasicCredentials(string Username, string Password)
{
    /// <summary>The credentials, or null when the header is absent, another scheme, or malformed.</summary>
    public static BasicCredentials? From(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return null;
        var encoded = header[scheme.Length..].Trim();
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
            return null;
        var decoded = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? new BasicCredentials(decoded[..colon], decoded[(colon + 1)..]) : null;
    }
}
