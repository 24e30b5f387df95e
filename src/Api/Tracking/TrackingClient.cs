using System.Net;

namespace Actors.Api.Tracking;

/// <summary>
/// Who sent a tracking request, worked out once when the request is screened and then read into its hit: the client's
/// address (<see cref="ClientAddressPolicy.Resolve"/>) and its user agent as stored, cleaned of markup. A struct, so
/// screening a hit allocates nothing for it.
/// </summary>
public readonly record struct TrackingClient(IPAddress? Address, string UserAgent);
