using Actors.Api.Http;
using Actors.Interfaces.Devices;
using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Actors.Api.Tracking;

/// <summary>
/// Turns a tracking request into a <see cref="TrackingHit"/>, following Mautic's query assembly: query
/// string and form body merged (the body wins); page_url from the parameter, else from <c>d</c>, else from
/// the Referer header; the parameters inside page_url's own query string (keys lower-cased) merged under
/// the explicit ones. Every value is capped, control characters are dropped, and only the first
/// <see cref="TrackingOptions.MaxParameters"/> parameters are read, so no input can grow what is stored.
/// </summary>
public sealed class TrackingHitReader(IOptions<TrackingOptions> options, ClientAddressPolicy addresses)
{
    private static readonly HashSet<string> NotFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "page_url", "page_title", "page_referrer", "page_language", "preferred_locale", "counter", "timezone_offset",
        "timezone", "resolution", "platform", "do_not_track", "mautic_device_id", "mtc_id", "ct", "d", "tags",
        "company", "companyname", "id", "points", "owner", "stage", "dateIdentified", "date_identified",
        "dateAdded", "date_added", "lastActive", "last_active", "dateModified", "date_modified",
    };

    private readonly TrackingOptions _options = options.Value;

    // Every hit is checked against every configured substring: one multi-string search instead of a Contains per bot.
    private readonly SearchValues<string> _bots = SearchValues.Create(options.Value.DoNotTrackBots.Where(bot => bot.Length > 0).ToArray(), StringComparison.Ordinal);

    /// <summary>
    /// Reads the hit; null when the form body cannot be read, or <c>ct</c> or <c>d</c> is present but cannot be decoded
    /// (the request is then not tracked).
    /// </summary>
    public async Task<TrackingHit?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
            Add(parameters, key, value.ToString());
        if (request.HasFormContentType)
        {
            if (await RequestForm.ReadOrNullAsync(request, cancellationToken) is not { } form)
                return null;
            foreach (var (key, value) in form)
                Add(parameters, key, value.ToString(), overwrite: true);
        }

        if (parameters.TryGetValue("ct", out var clickthrough) && !PhpSerializedArray.TryDecode(Uri.UnescapeDataString(clickthrough), out _))
            return null;
        string? pageUrl = parameters.GetValueOrDefault("page_url");
        if (parameters.TryGetValue("d", out var encoded))
        {
            if (!PhpSerializedArray.TryDecode(encoded, out var decoded))
                return null;
            if (decoded.GetValueOrDefault("page_url") is string fromD)
                pageUrl = fromD;
        }
        pageUrl ??= request.Headers.Referer.ToString() is { Length: > 0 } referer ? referer : null;
        pageUrl = Cap(pageUrl, _options.MaxUrlLength);
        if (pageUrl is not null)
        {
            parameters["page_url"] = pageUrl;
            MergeQueryOf(pageUrl, parameters);
        }

        var remote = addresses.Resolve(request.HttpContext.Connection.RemoteIpAddress, request.Headers["X-Forwarded-For"].ToString());
        var deviceId = request.Cookies[TrackingCookies.DeviceId] is { } cookie && DeviceId.IsValid(cookie)
            ? cookie
            : parameters.GetValueOrDefault("mautic_device_id") is { } param && DeviceId.IsValid(param) ? param : null;
        var (tagsToAdd, tagsToRemove) = SplitTags(parameters.GetValueOrDefault("tags"));

        return new TrackingHit
        {
            DeviceId = deviceId,
            PageUrl = pageUrl,
            PageTitle = parameters.GetValueOrDefault("page_title"),
            PageReferrer = Cap(parameters.GetValueOrDefault("page_referrer") ?? NullIfEmpty(request.Headers.Referer.ToString()), _options.MaxUrlLength),
            PageLanguage = parameters.GetValueOrDefault("page_language"),
            UserAgent = Cap(NullIfEmpty(request.Headers.UserAgent.ToString()), _options.MaxValueLength),
            IpAddress = addresses.Recordable(remote),
            Query = parameters,
            Utm = parameters.Where(p => p.Key.StartsWith("utm_", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value),
            TagsToAdd = tagsToAdd,
            TagsToRemove = tagsToRemove,
            FieldValues = parameters.Where(p => !NotFields.Contains(p.Key) && !p.Key.StartsWith("utm_", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(p => p.Key, p => p.Value),
            CompanyName = NullIfEmpty(parameters.GetValueOrDefault("companyname") ?? parameters.GetValueOrDefault("company")),
        };
    }

    /// <summary>Whether the request must be answered without being tracked: a bot user agent or a do-not-track address.</summary>
    public bool IsUntrackable(HttpRequest request)
    {
        if (request.Headers.UserAgent.ToString().AsSpan().ContainsAny(_bots))
            return true;
        var remote = addresses.Resolve(request.HttpContext.Connection.RemoteIpAddress, request.Headers["X-Forwarded-For"].ToString());
        return addresses.IsDoNotTrack(remote);
    }

    private void MergeQueryOf(string pageUrl, Dictionary<string, string> parameters)
    {
        var question = pageUrl.IndexOf('?');
        if (question < 0)
            return;
        var fragment = pageUrl.IndexOf('#', question);
        var query = fragment < 0 ? pageUrl[(question + 1)..] : pageUrl[(question + 1)..fragment];
        foreach (var (key, value) in QueryHelpers.ParseNullableQuery(query) ?? [])
            Add(parameters, key.ToLowerInvariant(), value.ToString(), overwrite: false);
    }

    private void Add(Dictionary<string, string> parameters, string key, string value, bool overwrite = false)
    {
        if (parameters.Count >= _options.MaxParameters && !parameters.ContainsKey(key))
            return;
        key = Clean(key);
        if (key.Length is 0 or > 64 || (!overwrite && parameters.ContainsKey(key)))
            return;
        var limit = key is "page_url" or "page_referrer" ? _options.MaxUrlLength : _options.MaxValueLength;
        parameters[key] = Cap(Clean(value), limit)!;
    }

    private static (IReadOnlyList<string> Add, IReadOnlyList<string> Remove) SplitTags(string? tags)
    {
        if (string.IsNullOrWhiteSpace(tags))
            return ([], []);
        var names = tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return (names.Where(t => !t.StartsWith('-')).Distinct().ToArray(),
                names.Where(t => t.StartsWith('-')).Select(t => t[1..].Trim()).Where(t => t.Length > 0).Distinct().ToArray());
    }

    /// <summary>Drops control characters and the replacement characters left by invalid UTF-8.</summary>
    private static string Clean(string value)
    {
        if (!value.Any(c => char.IsControl(c) || c == '\uFFFD'))
            return value.Trim();
        var clean = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (!char.IsControl(c) && c != '\uFFFD')
                clean.Append(c);
        }
        return clean.ToString().Trim();
    }

    private static string? Cap(string? value, int limit) => value is { } v && v.Length > limit ? v[..limit] : value;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
