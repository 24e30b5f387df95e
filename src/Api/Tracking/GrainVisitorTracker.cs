using Microsoft.Extensions.Options;
using Actors.Api.Companies;
using Actors.Api.Contacts;
using Actors.Api.Fields;
using Actors.Grains.Fields;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Interfaces.Tags;
using Actors.Runtime;

namespace Actors.Api.Tracking;

/// <summary>
/// Maps a tracking hit to the device grain: a hit without a device, or naming one this service never issued, gets a
/// new device id (a returning visitor's hit is still one grain call); only field values
/// the catalog marks publicly updatable are passed on, and only those the field's type takes (in its stored form, see
/// <see cref="FieldValueRules"/>); the catalog's unique fields decide identification. A hit naming a company (company
/// or companyname, with company* fields) finds or creates that company by name and makes it the contact's primary one
/// (MAUTIC-SPEC 1.7). A value is cut to its field's length (in characters, never between the halves of one); a value or
/// tag the REST API would refuse otherwise is left out, and the hit still counts. A value of a field whose delete began
/// meanwhile is taken back (<see cref="GoingFields"/>).
/// </summary>
public sealed class GrainVisitorTracker(IGrainFactory grains, FieldCatalogCache catalog, TimeProvider clock, IOptions<ContactOptions> options,
    CompanyDirectory companies, GoingFields goingFields) : IVisitorTracker
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
            Tags = [.. hit.TagsToAdd.Where(tag => Tag.NameProblem(tag) is null), .. hit.TagsToRemove.Select(tag => "-" + tag)],
            Utm = hit.Utm.ToDictionary(utm => utm.Key["utm_".Length..], utm => utm.Value),
            Fields = PubliclyUpdatable(hit, fields, options.Value.FieldLimits),
            Query = hit.Query,
        };
        var track = new TrackHit { Page = page, UniqueAliases = fields.UniqueAliases, Operator = options.Value.UniqueIdentifiersOperator };
        var result = (hit.DeviceId is { } presented ? await grains.GetGrain<IDeviceGrain>(presented).TrackReturning(track) : null)
            ?? await grains.GetGrain<IDeviceGrain>(DeviceId.New()).Track(track);
        await goingFields.TakeBackAsync(fields.Fields, result.ContactId, page.Fields, clock.GetUtcNow());
        if (hit.CompanyName is { } name)
            await LinkCompany(result.ContactId, name, hit, page.At);
        return new TrackedVisitor(result.ContactId, result.DeviceId);
    }

    /// <summary>Only a company that is new, changed or not yet the contact's primary one costs a write.</summary>
    private async Task LinkCompany(long contactId, string name, TrackingHit hit, DateTimeOffset at)
    {
        var limit = options.Value.MaxFieldLength;
        name = FieldValueLimits.Truncate(name, limit);
        var values = new Dictionary<string, string?> { [Interfaces.Companies.CompanyNames.Alias] = name };
        foreach (var (key, value) in hit.FieldValues)
        {
            if (CompanyFields.Find(key) is not { } field || value.Length is 0 || FieldValueLimits.Exceeds(value, limit) || CompanyPayload.Problem(field, value) is not null)
                continue;
            values[field.Alias] = CompanyPayload.Stored(field, value);
        }
        var (company, _) = await companies.Upsert(name, values, at);
        var contact = await grains.GetContact(contactId).Get();
        if (contact?.Companies.Any(link => link.CompanyId == company.Id && link.IsPrimary) != true)
            await companies.Link(contactId, company, at);
    }

    public async Task<TrackedVisitor> IdentifyAsync(TrackingHit hit, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var result = (hit.DeviceId is { } presented ? await grains.GetGrain<IDeviceGrain>(presented).ResolveReturning(at) : null)
            ?? await grains.GetGrain<IDeviceGrain>(DeviceId.New()).Resolve(at);
        return new TrackedVisitor(result.ContactId, result.DeviceId);
    }

    private static Dictionary<string, string?> PubliclyUpdatable(TrackingHit hit, FieldCatalogCache.Snapshot fields, FieldValueLimits limits)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in hit.FieldValues)
        {
            if (fields.Find(name) is not { IsPubliclyUpdatable: true, IsPublished: true } field)
                continue;
            // Tracking caps what a hit carries rather than lose it: a value past its field's length is cut to it.
            if (FieldValueRules.Check(field, FieldValueLimits.Truncate(value, limits.For(field)), limits) is not (string stored, null))
                continue;
            values[field.Alias] = stored;
        }
        // Mautic links the company named by a hit whatever the field settings, which fills the contact's company field.
        if (hit.CompanyName is { } company)
            values["company"] = FieldValueLimits.Truncate(company, limits.MaxLength);
        return values;
    }
}
