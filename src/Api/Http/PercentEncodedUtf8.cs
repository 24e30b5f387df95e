using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Actors.Grains.Errors;
using Microsoft.AspNetCore.WebUtilities;

namespace Actors.Api.Http;

/// <summary>
/// Refuses a form body whose percent escapes decode to bytes that are not UTF-8 ("firstname=%FF"). ASP.NET's decoder
/// keeps such an escape as its literal text, so "%FF" would be stored as three characters the client never meant; PHP
/// would hand Mautic the raw byte, which its utf8mb4 column then refuses or strips. Neither is the value sent, so the
/// API answers a 400 naming the field instead, as it answers a body whose own bytes are not UTF-8.
/// </summary>
public static class PercentEncodedUtf8
{
    /// <exception cref="FormatException">A name or value of <paramref name="body"/> decodes to bytes that are not UTF-8.</exception>
    public static void Check(string body)
    {
        foreach (var pair in new QueryStringEnumerable(body))
        {
            if (!DecodesToUtf8(pair.EncodedName.Span))
                throw new FormatException($"A field name of the form body, '{EchoedInput.Cap(pair.EncodedName.ToString())}', is not valid UTF-8 once percent-decoded.");
            if (!DecodesToUtf8(pair.EncodedValue.Span))
                throw new FormatException($"{EchoedInput.Cap(pair.DecodeName().ToString())}: the value is not valid UTF-8 once percent-decoded.");
        }
    }

    // The text itself is UTF-8 already (the body was read strictly), so only escapes can make bytes that are not; they
    // are decoded among the text's own bytes, since an escaped lead byte may be followed by a character sent as is.
    static bool DecodesToUtf8(ReadOnlySpan<char> encoded)
    {
        if (!encoded.Contains('%'))
            return true;
        var bytes = new byte[Encoding.UTF8.GetByteCount(encoded)];
        Encoding.UTF8.GetBytes(encoded, bytes);
        var length = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '%' && i + 2 < bytes.Length
                && byte.TryParse(bytes.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var escaped))
            {
                bytes[length++] = escaped;
                i += 2;
            }
            else
                bytes[length++] = bytes[i];
        }
        return Utf8.IsValid(bytes.AsSpan(0, length));
    }
}
