using Actors.Api.Errors;
using Actors.Grains.Storage.Events;
using Actors.Grains.Timeline;

namespace Actors.Api.Contacts;

/// <summary>
/// GET /api/contacts/activity: the activity of all contacts with the per-contact endpoint's filters, order and
/// paging (MAUTIC-SPEC 3.11), paged in SQL from the contact_events table by its (occurred_at, id) index. As in
/// Mautic, the events that only describe one contact's own record (created, identified, IP added) are left out.
/// </summary>
public static class AllContactsActivityEndpoint
{
    private static readonly string[] PerContactOnly = ["lead.create", "lead.identified", "lead.ipadded", "lead.apiadded"];

    public static RouteGroupBuilder MapAllContactsActivity(this RouteGroupBuilder api)
    {
        api.MapGet("/contacts/activity", ActivityAsync);
        return api;
    }

    private static async Task<IResult> ActivityAsync(HttpRequest request, IEventLog log, CancellationToken cancellationToken)
    {
        var (query, error) = ActivityQuery.From(request);
        if (query is null)
            return ApiErrors.BadRequest(error!);
        var page = await log.ReadAsync(query.ToEventQuery(contactId: null, PerContactOnly), cancellationToken);
        var events = page.Events.Select(EventLogTimelineSink.ToTimelineEvent).ToArray();
        return Results.Json(query.Respond(events, page.Total, PerContactOnly));
    }
}
