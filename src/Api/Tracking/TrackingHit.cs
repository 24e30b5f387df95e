using System.Net;

namespace Actors.Api.Tracking;

/// <summary>One tracking request (pixel, /mtc/event or /mtc), parsed, capped and cleaned at the edge.</summary>
public sealed record TrackingHit
{
    /// <summary>
    /// The device tracking id the visitor presents, when well-formed: the tracker's cookie, else the request's own
    /// <c>mautic_device_id</c> parameter (never one inside page_url). It may name no device: it is only a claim.
    /// </summary>
    public string? DeviceId { get; init; }

    public string? PageUrl { get; init; }
    public string? PageTitle { get; init; }
    public string? PageReferrer { get; init; }
    public string? PageLanguage { get; init; }
    public string? UserAgent { get; init; }

    /// <summary>The visitor's address when it may be recorded (not reserved, not private unless configured).</summary>
    public IPAddress? IpAddress { get; init; }

    /// <summary>Every parameter of the hit after merging the query inside page_url, for the timeline.</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    /// <summary>utm_source, utm_medium, utm_campaign, utm_content, utm_term, when any utm_ key was sent.</summary>
    public IReadOnlyDictionary<string, string> Utm { get; init; } = new Dictionary<string, string>();

    /// <summary>Tags to add (plain) and to remove (sent with a leading '-').</summary>
    public IReadOnlyList<string> TagsToAdd { get; init; } = [];
    public IReadOnlyList<string> TagsToRemove { get; init; } = [];

    /// <summary>Values for contact fields by alias; only publicly updatable fields will be applied.</summary>
    public IReadOnlyDictionary<string, string> FieldValues { get; init; } = new Dictionary<string, string>();

    /// <summary>Values for contact fields sent as lists (<c>ms[]=a&amp;ms[]=b</c>); only a multiselect takes one.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FieldLists { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The zone <c>timezone</c>, else <c>timezone_offset</c>, names (<see cref="TimezoneGuess"/>), for a contact that has none.</summary>
    public string? GuessedTimezone { get; init; }

    /// <summary>The company the hit names: <c>company</c> when it is sent, even empty, else <c>companyname</c> (MAUTIC-SPEC 1.7).</summary>
    public string? CompanyName { get; init; }
}
