using Microsoft.AspNetCore.Http.Features;
using Actors.Interfaces.Devices;
using System.Buffers;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Actors.Api.Tracking;

/// <summary>
/// Turns a tracking request into a <see cref="TrackingHit"/>, following Mautic's query assembly: query
/// string and form body merged (the body wins), each read as PHP reads it (see <see cref="TrackingParameters"/>);
/// page_url from the parameter when it is not empty, else from <c>d</c>, else from the Referer header; the parameters inside page_url's own
/// query string (keys lower-cased) merged under the explicit ones. The device is named only by the tracker's cookie or
/// the request's own <c>mautic_device_id</c>, never by page_url's query: a link to the site must not choose the device
/// a visitor is tracked as.
/// </summary>
public sealed partial class TrackingHitReader(IOptions<TrackingOptions> options, IOptions<FormOptions> formOptions, ClientAddressPolicy addresses,
    ILogger<TrackingHitReader> logger)
{
    private static readonly HashSet<string> NotFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "page_url", "page_title", "page_referrer", "page_language", "preferred_locale", "counter", "timezone_offset",
        "timezone", "resolution", "platform", "do_not_track", "mautic_device_id", "mtc_id", "ct", "d", "tags",
        "company", "companyname", "id", "points", "owner", "stage", "dateIdentified", "date_identified",
        "dateAdded", "date_added", "lastActive", "last_active", "dateModified", "date_modified",
    };

    private readonly TrackingOptions _options = options.Value;
    private readonly FormOptions _formLimits = formOptions.Value;

    // Every hit is checked against every configured substring: one multi-string search instead of a Contains per bot.
    private readonly SearchValues<string> _bots = SearchValues.Create(options.Value.BotsNotTracked.Where(bot => bot.Length > 0).ToArray(), StringComparison.Ordinal);

    /// <summary>
    /// The client a request comes from, or null when the request must be answered without being tracked: a HEAD, which
    /// asks what a GET would answer (a link checker, a prefetch) and is no visit, a bot user agent or a do-not-track
    /// address.
    /// </summary>
    public TrackingClient? Screen(HttpRequest request)
    {
        if (HttpMethods.IsHead(request.Method))
            return null;
        // A bot is matched on the agent as sent and, when cleaning changed it, as stored: "Google<x>bot" is stored as Googlebot.
        var sent = request.Headers.UserAgent.ToString();
        if (sent.AsSpan().ContainsAny(_bots))
            return null;
        var agent = TrackedValue.Text(sent, _options.MaxValueLength);
        if (!ReferenceEquals(agent, sent) && agent.AsSpan().ContainsAny(_bots))
            return null;
        var address = addresses.Resolve(request.HttpContext.Connection.RemoteIpAddress, request.Headers["X-Forwarded-For"].ToString());
        return addresses.IsDoNotTrack(address) ? null : new TrackingClient(address, agent);
    }

    /// <summary>
    /// Reads the hit of a request <see cref="Screen"/> let through, from <paramref name="client"/>; null when the form
    /// body cannot be read, or <c>ct</c> or <c>d</c> (read only without a page_url) is present but cannot be decoded (the
    /// request is then not tracked).
    /// </summary>
    public async Task<TrackingHit?> ReadAsync(HttpRequest request, TrackingClient client, CancellationToken cancellationToken)
    {
        var parameters = new TrackingParameters(_options);
        parameters.Merge(request.Query, over: true);
        IEnumerable<KeyValuePair<string, StringValues>>? form = null;
        if (request.HasFormContentType)
        {
            form = await TrackingForm.ReadOrNullAsync(request, _formLimits, cancellationToken);
            if (form is null)
                return null;
            parameters.Merge(form, over: true);
        }
        var deviceId = TrackingCookies.First(request, TrackingCookies.DeviceId) is { } cookie && DeviceId.IsValid(cookie)
            ? cookie
            : parameters["mautic_device_id"] is { } param && DeviceId.IsValid(param) ? param : null;

        if (parameters["ct"] is { } clickthrough && CarriesData(clickthrough) && !PhpSerializedArray.TryDecode(Uri.UnescapeDataString(clickthrough), out _))
            return null;
        // Mautic's getPageUrl: a page_url sent non-empty wins, even one cleaned to nothing, and d is then not even
        // decoded; else d's page_url.
        var pageUrl = string.IsNullOrEmpty(LastSent(form, "page_url") ?? LastSent(request.Query, "page_url")) ? null : parameters["page_url"];
        if (pageUrl is null && parameters["d"] is { } encoded && CarriesData(encoded))
        {
            if (!PhpSerializedArray.TryDecode(encoded, out var decoded))
                return null;
            pageUrl = decoded.GetValueOrDefault("page_url") as string;
        }
        pageUrl ??= NullIfEmpty(request.Headers.Referer.ToString());
        if (pageUrl is not null)
        {
            pageUrl = TrackedValue.Url(pageUrl, _options.MaxUrlLength);
            parameters.Set("page_url", pageUrl);
            parameters.Merge(QueryOf(pageUrl), over: false, lowerCaseNames: true);
        }

        var (tagsToAdd, tagsToRemove) = Tags(parameters);
        var scalars = parameters.Scalars;

        return new TrackingHit
        {
            DeviceId = deviceId,
            PageUrl = NullIfEmpty(pageUrl),
            PageTitle = parameters["page_title"],
            PageReferrer = NullIfEmpty(parameters["page_referrer"] ?? TrackedValue.Url(request.Headers.Referer.ToString(), _options.MaxUrlLength)),
            PageLanguage = parameters["page_language"],
            UserAgent = NullIfEmpty(client.UserAgent),
            IpAddress = addresses.Recordable(client.Address),
            Query = parameters.ForTimeline(),
            Utm = scalars.Where(p => p.Key.StartsWith("utm_", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value),
            TagsToAdd = tagsToAdd,
            TagsToRemove = tagsToRemove,
            FieldValues = scalars.Where(p => IsField(p.Key)).ToDictionary(p => p.Key, p => p.Value),
            FieldLists = parameters.Lists.Where(p => IsField(p.Key)).ToDictionary(p => p.Key, p => p.Value),
            GuessedTimezone = TimezoneGuess.For(parameters["timezone"], parameters["timezone_offset"]),
            // IdentifyCompanyHelper::normalizeParameters: a company sent, even empty, replaces companyname, so
            // company=A&companyname=B names A, company=X&companyname= names X, and company=&companyname=B names none.
            CompanyName = NullIfEmpty(parameters.Contains("company") ? parameters["company"] : parameters["companyname"]),
        };
    }

    /// <summary>Whether a parameter may name a contact field: not one of the protocol's own, not a UTM tag.</summary>
    private static bool IsField(string name) => !NotFields.Contains(name) && !name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The parameters of page_url's query, as parse_url(PHP_URL_QUERY) finds it: between the first '?' and a '#', never
    /// inside the fragment, so a single-page app's route (<c>/#/checkout?email=…</c>) names none.
    /// </summary>
    private static Dictionary<string, StringValues> QueryOf(string pageUrl)
    {
        var fragment = pageUrl.IndexOf('#');
        var address = fragment < 0 ? pageUrl : pageUrl[..fragment];
        var question = address.IndexOf('?');
        return question < 0 ? [] : QueryHelpers.ParseQuery(address[(question + 1)..]);
    }

    /// <summary>
    /// Tags to add and to remove (a leading '-'), from a comma list or, as Mautic's modifyTags also takes, a list
    /// (tags[]=a&amp;tags[]=-b), whose every value is one tag; the first <see cref="TrackingOptions.MaxTagsPerHit"/> only.
    /// </summary>
    private (IReadOnlyList<string> Add, IReadOnlyList<string> Remove) Tags(TrackingParameters parameters)
    {
        var names = (parameters.List("tags")?.Select(tag => tag.Trim()).Where(tag => tag.Length > 0)
            ?? parameters["tags"]?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            ?? []).Distinct().ToArray();
        if (names.Length > _options.MaxTagsPerHit)
        {
            TagsLeftOut(logger, names.Length - _options.MaxTagsPerHit, _options.MaxTagsPerHit);
            names = names[.._options.MaxTagsPerHit];
        }
        return (names.Where(t => !t.StartsWith('-')).ToArray(),
                names.Where(t => t.StartsWith('-')).Select(t => t[1..].Trim()).Where(t => t.Length > 0).Distinct().ToArray());
    }

    [LoggerMessage(1, LogLevel.Debug, "A tracking hit named {LeftOut} tags past the first {MaxTagsPerHit} (Tracking:MaxTagsPerHit); they are ignored")]
    private static partial void TagsLeftOut(ILogger logger, int leftOut, int maxTagsPerHit);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>
    /// Whether a ct or d value holds anything to decode. Mautic skips a ct that is empty() to PHP ("" or "0"), and a d whose
    /// base64 decodes to nothing ("", "0") is no array, so either is read as absent and the hit is recorded.
    /// </summary>
    private static bool CarriesData(string value) => value is not ("" or "0");

    /// <summary>A parameter's value as sent, before cleaning; null when the source does not name it.</summary>
    private static string? LastSent(IEnumerable<KeyValuePair<string, StringValues>>? source, string name)
        => source?.LastOrDefault(pair => pair.Key == name).Value is { Count: > 0 } values ? values[^1] : null;
}
