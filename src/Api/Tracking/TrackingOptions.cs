namespace Actors.Api.Tracking;

/// <summary>Website-tracking settings (configuration section "Tracking"), Mautic's defaults unless stated.</summary>
public sealed class TrackingOptions
{
    public const string SectionName = "Tracking";

    public const int DefaultMaxValueLength = 1024;
    public const int DefaultMaxUrlLength = 2048;
    public const int DefaultMaxParameters = 100;
    public const int DefaultMaxTagsPerHit = 20;
    public const int DefaultNewTagsPerMinute = 60;

    /// <summary>
    /// Origins allowed to call the tracking endpoints from page scripts (CORS), exact ("https://example.com")
    /// or with shell wildcards ("https://*.example.com", where * also spans dots). Default: none, so
    /// <c>mtc.js</c> on other sites falls back to the pixel until an operator lists them.
    /// </summary>
    public List<string> ValidDomains { get; set; } = [];

    /// <summary>Whether CORS is limited to <see cref="ValidDomains"/>. Default true; false echoes any origin.</summary>
    public bool RestrictDomains { get; set; } = true;

    /// <summary>
    /// User-agent substrings (case-sensitive) whose requests are answered but not tracked. Default: none configured,
    /// so <see cref="BotUserAgents.Defaults"/> (common crawlers and HTTP libraries) apply. Configured entries replace
    /// the defaults rather than add to them: the binder appends to a list it finds filled, which would leave no default
    /// removable, so the list starts unset and <see cref="BotsNotTracked"/> falls back to the defaults. One empty
    /// entry alone replaces them with nothing, so every user agent is tracked.
    /// </summary>
    public List<string>? DoNotTrackBots { get; set; }

    /// <summary>The user-agent substrings in force: the configured ones, or the defaults when none are configured.</summary>
    public IReadOnlyList<string> BotsNotTracked => DoNotTrackBots is { Count: > 0 } configured ? configured : BotUserAgents.Defaults;

    /// <summary>Client addresses (exact or CIDR, IPv4 or IPv6) whose requests are answered but not tracked. Default: none.</summary>
    public List<string> DoNotTrackIps { get; set; } = [];

    /// <summary>Whether private-range client addresses (10/8, 172.16/12, 192.168/16, fc00::/7) are recorded. Default false: they are skipped.</summary>
    public bool TrackPrivateIpRanges { get; set; }

    /// <summary>Proxies (exact or CIDR) whose X-Forwarded-For header is believed. Default: none, so the header is ignored.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Longest value kept for a tracking parameter; longer ones are cut. Default 1,024 characters.</summary>
    public int MaxValueLength { get; set; } = DefaultMaxValueLength;

    /// <summary>Longest URL kept (page_url, page_referrer); longer ones are cut. Default 2,048 characters.</summary>
    public int MaxUrlLength { get; set; } = DefaultMaxUrlLength;

    /// <summary>Most parameters read from one hit; the rest are ignored. Default 100.</summary>
    public int MaxParameters { get; set; } = DefaultMaxParameters;

    /// <summary>
    /// Most tags one hit may name (to add or, with a leading '-', to take off), counted once each in the order sent;
    /// the rest are ignored. Mautic has no cap, but a site's script names the few tags a page stands for, so a hit
    /// naming more is a script gone wrong or someone filling the tag list. Default 20.
    /// </summary>
    public int MaxTagsPerHit { get; set; } = DefaultMaxTagsPerHit;

    /// <summary>
    /// Most new tags tracking hits may create a minute on one silo, refilled evenly and saved up to one minute's worth:
    /// tags come from a site's own scripts, whose names are few and mostly known, while hits are unauthenticated, so
    /// without a bound anyone could fill the tag list. Past it a hit's tags that do not exist yet are left out, its
    /// known tags still added. 0 lets tracking add known tags only. The REST API is not bound. Default 60.
    /// </summary>
    public int NewTagsPerMinute { get; set; } = DefaultNewTagsPerMinute;
}
