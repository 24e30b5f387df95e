using System.Text;
using Actors.Api.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Actors.Api.Tracking;

/// <summary>
/// Reads a tracking request's form body. A url-encoded one is decoded as the query string is (FormReader unescapes with
/// Uri.UnescapeDataString, as QueryHelpers does), not by ASP.NET's form feature, whose decoder refuses a whole body that
/// holds a %00: the NUL would drop the hit while the same value in the query string is tracked with the character cleaned
/// out (<see cref="TrackedValue"/>). The form limits (<see cref="FormOptions"/>: value count, key and value length) apply
/// alike; a multipart body, whose values are not percent-encoded, is read by the form feature.
/// </summary>
public static class TrackingForm
{
    /// <summary>The body's parameters, or null when it cannot be read (malformed, cut short, over a limit).</summary>
    public static async Task<IEnumerable<KeyValuePair<string, StringValues>>?> ReadOrNullAsync(HttpRequest request, FormOptions limits, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            return await RequestForm.ReadOrNullAsync(request, cancellationToken);
        using var reader = new FormReader(request.Body, Encoding.UTF8)
        {
            ValueCountLimit = limits.ValueCountLimit,
            KeyLengthLimit = limits.KeyLengthLimit,
            ValueLengthLimit = limits.ValueLengthLimit,
        };
        try
        {
            return await reader.ReadFormAsync(cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or IOException)
        {
            return null;
        }
    }
}
