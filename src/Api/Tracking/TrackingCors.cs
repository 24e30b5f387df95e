using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Actors.Api.Tracking;

/// <summary>
/// CORS for the tracking endpoints, with Mautic's rules: a preflight (OPTIONS) is answered 204 and
/// carries the allow headers only for a valid origin that asks for request headers; other requests
/// get them only when they are XHRs (X-Requested-With). An origin is valid when it equals a configured
/// domain or matches one with shell wildcards (case-insensitive; * also spans dots); a wildcard match
/// adds Vary: Origin. Other origins get no allow-origin header, so browsers block the response.
/// </summary>
public sealed class TrackingCors
{
    private readonly HashSet<string> _exact;
    private readonly Regex[] _wildcards;
    private readonly bool _restrict;

    public TrackingCors(IOptions<TrackingOptions> options)
    {
        var domains = options.Value.ValidDomains.Select(d => d.Trim().TrimEnd('/')).Where(d => d.Length > 0).ToArray();
        _exact = new HashSet<string>(domains.Where(d => !d.Contains('*') && !d.Contains('?')), StringComparer.OrdinalIgnoreCase);
        _wildcards = domains.Where(d => d.Contains('*') || d.Contains('?')).Select(ToRegex).ToArray();
        _restrict = options.Value.RestrictDomains;
    }

    /// <summary>Answers a preflight (OPTIONS) request.</summary>
    public IResult AnswerPreflight(HttpContext context)
    {
        var request = context.Request.Headers;
        if (request.Origin.Count > 0 && request.AccessControlRequestHeaders.Count > 0)
            AddHeaders(context);
        return Results.NoContent();
    }

    /// <summary>Adds the CORS headers to an XHR's response when its origin is valid.</summary>
    public void ApplyTo(HttpContext context)
    {
        if (context.Request.Headers.XRequestedWith == "XMLHttpRequest")
            AddHeaders(context);
    }

    private void AddHeaders(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
            return;
        bool allowed;
        var viaWildcard = false;
        if (!_restrict || _exact.Contains(origin))
            allowed = true;
        else
            allowed = viaWildcard = _wildcards.Any(w => w.IsMatch(origin));
        if (!allowed)
            return;

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlAllowHeaders = "Origin, X-Requested-With, Content-Type, Authorization";
        headers.AccessControlAllowMethods = "PUT, GET, POST, DELETE, OPTIONS";
        headers.AccessControlAllowCredentials = "true";
        headers.AccessControlMaxAge = "36000";
        if (viaWildcard || !_restrict)
            headers.Vary = "Origin";
    }

    private static Regex ToRegex(string pattern)
        => new("^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
}
