using Actors.Grains.Contacts;
using Microsoft.Extensions.Options;
using Actors.Api.Contacts;
using Actors.Api.Fields;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Runtime;

namespace Actors.Api.Tracking;

/// <summary>
/// Maps a tracking hit to the device grain: a hit without a device gets a new device id; only field values
/// the catalog marks publicly updatable are passed on (and email-typed values only when they look like an
/// email); the catalog's unique fields decide identification.
/// </summary>
public sealed class GrainVisitorTracker(IGrainFactory grains, FieldCatalogCache catalog, TimeProvider clock, IOptions<ContactOptions> options) : IVisitorTracker
{
    public async Task<TrackedVisitor> TrackAsync(TrackingHit hit, CancellationToken cancellationToken)
    {
        var fields = await catalog.GetAsync();
        var page = new PageHit
        {
            At = clock.GetUtcNow(),
            Url = hit.PageUrl,
            Title = hit.PageTitle,
            Referrer = hit.PageReferrer,
            Language = hit.PageLanguage,
            Ip = hit.IpAddress?.ToString(),
            UserAgent = hit.UserAgent,
            Tags = [.. hit.TagsToAdd, .. hit.TagsToRemove.Select(tag => "-" + tag)],
            Utm = hit.Utm.ToDictionary(utm => utm.Key["utm_".Length..], utm => utm.Value),
            Fields = PubliclyUpdatable(hit, fields),
            Query = hit.Query,
        };
        var device = grains.GetGrain<IDeviceGrain>(hit.DeviceId ?? DeviceId.New());
        var result = await device.Track(new TrackHit { Page = page, UniqueAliases = fields.UniqueAliases, Operator = options.Value.UniqueIdentifiersOperator });
        return new TrackedVisitor(result.ContactId, result.DeviceId);
    }

    public async Task<TrackedVisitor> IdentifyAsync(TrackingHit hit, CancellationToken cancellationToken)
    {
        var result = await grains.GetGrain<IDeviceGrain>(hit.DeviceId ?? DeviceId.New()).Resolve(clock.GetUtcNow());
        return new TrackedVisitor(result.ContactId, result.DeviceId);
    }

    private static Dictionary<string, string?> PubliclyUpdatable(TrackingHit hit, FieldCatalogCache.Snapshot fields)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in hit.FieldValues)
        {
            if (fields.Find(name) is not { IsPubliclyUpdatable: true, IsPublished: true } field)
                continue;
            if (field.Type == "email" && !EmailAddress.LooksValid(value))
                continue;
            values[field.Alias] = value;
        }
        // Mautic links the company named by a hit whatever the field settings, which fills the contact's company field.
        if (hit.CompanyName is { } company)
            values["company"] = company;
        return values;
    }
}
