using Microsoft.Extensions.Options;
using Actors.Api.Companies;
using Actors.Api.Contacts;
using Actors.Api.Fields;
using Actors.Grains.Companies;
using Actors.Grains.Fields;
using Actors.Interfaces.Companies;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Interfaces.Fields;
using Actors.Interfaces.Tags;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Api.Tracking;

/// <summary>
/// Maps a tracking hit to the device grain: a hit without a device, or naming one this service never issued, gets a
/// new device id (a returning visitor's hit is still one grain call); only field values the catalog marks publicly
/// updatable are passed on, and only those the field's type takes (in its stored form, see <see cref="FieldValueRules"/>;
/// a multiselect also takes a list, <c>ms[]=a&amp;ms[]=b</c>, as the REST API does); the catalog's unique fields decide
/// identification. A hit naming a company (company or companyname, with company* fields) finds it by name in any case
/// without renaming it, or creates it, and makes it the contact's primary one (MAUTIC-SPEC 1.7). A value, a contact's or a company's, is cut to its
/// field's length (in characters, never between the halves of one); a value or tag the REST API would refuse otherwise
/// is left out, and the hit still counts. A value of a field whose delete began meanwhile is taken back
/// (<see cref="GoingFields"/>). A tag the catalog does not hold yet is created only while <see cref="TrackedTagBudget"/> allows.
/// </summary>
public sealed class GrainVisitorTracker(IGrainFactory grains, FieldCatalogCache catalog, TimeProvider clock, IOptions<ContactOptions> options,
    CompanyDirectory companies, GoingFields goingFields, NewGrains newGrains, TrackedTagBudget tagBudget) : IVisitorTracker
{
    public async Task<TrackedVisitor> TrackAsync(TrackingHit hit, CancellationToken cancellationToken)
    {
        var fields = await catalog.GetAsync();
        var at = clock.GetUtcNow();
        // Found before the hit is recorded, so the contact's company field takes the company's own spelling of its name.
        var company = hit.CompanyName is { } name ? await FindCompany(name, hit, at) : null;
        var tags = await tagBudget.AdmitAsync(hit.TagsToAdd.Where(tag => Tag.NameProblem(tag) is null).ToArray());
        var page = new PageHit
        {
            At = at,
            Url = hit.PageUrl,
            Title = hit.PageTitle,
            Referrer = hit.PageReferrer,
            Language = hit.PageLanguage,
            Ip = hit.IpAddress?.ToString(),
            UserAgent = hit.UserAgent,
            Tags = [.. tags, .. hit.TagsToRemove.Select(tag => "-" + tag)],
            Utm = hit.Utm.ToDictionary(utm => utm.Key["utm_".Length..], utm => utm.Value),
            Fields = PubliclyUpdatable(hit, fields, options.Value.FieldLimits, company?.Name),
            Query = hit.Query,
            GuessedTimezone = hit.GuessedTimezone,
        };
        var track = new TrackHit { Page = page, UniqueAliases = fields.UniqueAliases, Operator = options.Value.UniqueIdentifiersOperator };
        var result = (hit.DeviceId is { } presented ? await grains.GetGrain<IDeviceGrain>(presented).TrackReturning(track) : null)
            ?? await OnNewDevice(device => device.Track(track));
        await goingFields.TakeBackAsync(fields.Fields, result.ContactId, page.Fields, clock.GetUtcNow());
        if (company is not null)
            await LinkCompany(result.ContactId, company, at);
        return new TrackedVisitor(result.ContactId, result.DeviceId);
    }

    /// <summary>
    /// The company the hit names, found without regard to case (its name left as it is) or created. Its company* values
    /// update it either way; the contact's <c>city</c>, <c>state</c> and <c>country</c> stand for a <c>companycity</c>,
    /// <c>companystate</c> or <c>companycountry</c> the hit does not send, for a company it creates only: Mautic's
    /// IdentifyCompanyHelper maps them for the lookup and the new company, and updates a found one from the query as sent.
    /// </summary>
    private Task<CompanySnapshot> FindCompany(string name, TrackingHit hit, DateTimeOffset at)
    {
        var limit = options.Value.MaxFieldLength;
        name = FieldValueLimits.Truncate(name, limit);
        var values = new Dictionary<string, string?> { [CompanyNames.Alias] = name };
        var whenNew = new Dictionary<string, string?>();
        foreach (var (key, sent) in hit.FieldValues)
        {
            if (CompanyFields.Find(key) is { } field)
                Take(values, field, sent);
            else if (ContactPlaceFields.Contains(key) && !hit.FieldValues.ContainsKey("company" + key) && CompanyFields.Find("company" + key) is { } place)
                Take(whenNew, place, sent);
        }
        return companies.FindOrCreate(name, values, whenNew, at);

        void Take(Dictionary<string, string?> into, CompanyField field, string sent)
        {
            // Cut to the field's length as a contact value is (PubliclyUpdatable), not left out.
            var value = FieldValueLimits.Truncate(sent, limit);
            if (value.Length > 0 && CompanyFields.Problem(field, value) is null)
                into[field.Alias] = CompanyFields.Stored(field, value);
        }
    }

    /// <summary>The contact fields a hit's new company takes as its own when the hit sends no company* value of them.</summary>
    private static readonly HashSet<string> ContactPlaceFields = new(StringComparer.OrdinalIgnoreCase) { "city", "state", "country" };

    /// <summary>Only a company that is new, changed or not yet the contact's primary one costs a write.</summary>
    private async Task LinkCompany(long contactId, CompanySnapshot company, DateTimeOffset at)
    {
        var contact = await grains.GetContact(contactId).Get();
        if (contact?.Companies.Any(link => link.CompanyId == company.Id && link.IsPrimary) != true)
            await companies.Link(contactId, company, at);
    }

    public async Task<TrackedVisitor> IdentifyAsync(TrackingHit hit, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var result = (hit.DeviceId is { } presented ? await grains.GetGrain<IDeviceGrain>(presented).ResolveReturning(at) : null)
            ?? await OnNewDevice(device => device.Resolve(at));
        return new TrackedVisitor(result.ContactId, result.DeviceId);
    }

    /// <summary>Calls a device under a new random id, which no storage can hold yet, so its activation reads nothing.</summary>
    private async Task<TrackResult> OnNewDevice(Func<IDeviceGrain, Task<TrackResult>> call)
    {
        var deviceId = DeviceId.New();
        using (newGrains.Expect<IDeviceGrain>(deviceId))
            return await call(grains.GetGrain<IDeviceGrain>(deviceId));
    }

    private static Dictionary<string, string?> PubliclyUpdatable(TrackingHit hit, FieldCatalogCache.Snapshot fields, FieldValueLimits limits, string? companyName)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Take(FieldDefinition field, string value)
        {
            // Tracking caps what a hit carries rather than lose it: a value past its field's length is cut to it.
            if (FieldValueRules.Check(field, FieldValueLimits.Truncate(value, limits.For(field)), limits) is (string stored, null))
                values[field.Alias] = stored;
        }
        foreach (var (name, value) in hit.FieldValues)
        {
            if (fields.Find(name) is { IsPubliclyUpdatable: true, IsPublished: true } field)
                Take(field, value);
        }
        foreach (var (name, list) in hit.FieldLists)
        {
            if (fields.Find(name) is { IsPubliclyUpdatable: true, IsPublished: true } field && FieldValueRules.ListText(field, list) is { } text)
                Take(field, text);
        }
        // Mautic links the company named by a hit whatever the field settings, which fills the contact's company field.
        if (companyName is not null)
            values["company"] = FieldValueLimits.Truncate(companyName, limits.MaxLength);
        return values;
    }
}
