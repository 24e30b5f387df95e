using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Api.Errors;
using Actors.Api.Lists;
using Actors.Grains.Companies;
using Actors.Grains.Storage.Records;
using Actors.Interfaces.Companies;
using Actors.Interfaces.Contacts;
using Microsoft.Extensions.Options;
using Actors.Grains.Errors;
using Actors.Api.Http;

namespace Actors.Api.Companies;

/// <summary>
/// /api/companies in Mautic's shapes: the list from the companies table, get, new (an upsert on the company name:
/// 201 new, 200 existing), edit (PUT replaces and creates when missing, PATCH answers 404), delete, their batches
/// (per-item statusCodes and errors), the contact links, and GET /api/contacts/{id}/companies.
/// </summary>
public static class CompanyEndpoints
{
    private static readonly string[] SearchColumns = ["companyname", "companyemail", "companycity", "companycountry"];

    public static RouteGroupBuilder MapCompanies(this RouteGroupBuilder api)
    {
        var companies = api.MapGroup("/companies");
        companies.MapGet("", ListAsync);
        companies.MapGet("/{id}", GetAsync);
        companies.MapPost("/new", (HttpRequest request, ContactWriteContext context, CompanyWrites writes) => WriteAsync(request, null, replace: false, context, writes));
        companies.MapPut("/{id}/edit", (string id, HttpRequest request, ContactWriteContext context, CompanyWrites writes) => WriteAsync(request, id, replace: true, context, writes));
        companies.MapPatch("/{id}/edit", (string id, HttpRequest request, ContactWriteContext context, CompanyWrites writes) => WriteAsync(request, id, replace: false, context, writes));
        companies.MapDelete("/{id}/delete", async (string id, CompanyWrites writes, CancellationToken cancellationToken)
            => (await writes.DeleteAsync(id, cancellationToken)).ToResult("company"));
        companies.MapPost("/batch/new", (HttpRequest request, ContactWriteContext context, CompanyWrites writes, IOptions<ContactOptions> options)
            => BatchWriteAsync(request, create: true, replace: false, context, writes, options));
        companies.MapPut("/batch/edit", (HttpRequest request, ContactWriteContext context, CompanyWrites writes, IOptions<ContactOptions> options)
            => BatchWriteAsync(request, create: false, replace: true, context, writes, options));
        companies.MapPatch("/batch/edit", (HttpRequest request, ContactWriteContext context, CompanyWrites writes, IOptions<ContactOptions> options)
            => BatchWriteAsync(request, create: false, replace: false, context, writes, options));
        companies.MapDelete("/batch/delete", BatchDeleteAsync);
        companies.MapPost("/{companyId}/contact/{contactId}/add", AddContactAsync);
        companies.MapPost("/{companyId}/contact/{contactId}/remove", RemoveContactAsync);
        api.MapGet("/contacts/{id}/companies", ContactCompaniesAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, CancellationToken cancellationToken)
    {
        RecordQuery query;
        try
        {
            var list = ListParameters.Read(http.Request);
            var orderBy = list.OrderBy ?? "id";
            if (!CompanyTable.Definition.HasColumn(orderBy) || orderBy == "fields")
                throw new FormatException($"orderBy: there is no company column '{EchoedInput.Cap(orderBy)}'.");
            query = new RecordQuery { Search = SearchTerms.Parse(list.Search), SearchColumns = SearchColumns, OrderBy = orderBy, Descending = list.Descending, Start = list.Start, Limit = list.Limit };
        }
        catch (FormatException e)
        {
            return ApiErrors.BadRequest(e.Message);
        }
        if (RecordLists.Reader(http, CompanyTable.Name) is not { } reader)
            return RecordLists.NoTable(CompanyTable.Name);
        return await RecordLists.ListAsync(http, reader, query, "companies", keyed: true,
            stored => CompanyJson.Write(StoredCompany.ToSnapshot(stored.Id, stored.Payload)), cancellationToken);
    }

    private static async Task<IResult> GetAsync(string id, CompanyDirectory directory)
        => ContactIds.TryParse(id, out var companyId) && await directory.Get(companyId) is { } company
            ? Results.Json(new JsonObject { ["company"] = CompanyJson.Write(company) })
            : ApiErrors.NotFound();

    private static async Task<IResult> WriteAsync(HttpRequest request, string? id, bool replace, ContactWriteContext context, CompanyWrites writes)
    {
        var (body, malformed) = await context.ReadJsonAsync(request, allowEmpty: false);
        if (malformed is not null)
            return malformed;
        var outcome = await writes.WriteAsync(body, id, replace);
        if (outcome.Status == StatusCodes.Status201Created)
            ApiLocation.Set(request.HttpContext, $"/api/companies/{outcome.Item!["id"]}");
        return outcome.ToResult("company");
    }

    private static async Task<IResult> BatchWriteAsync(HttpRequest request, bool create, bool replace, ContactWriteContext context, CompanyWrites writes, IOptions<ContactOptions> options)
    {
        var (body, malformed) = await context.ReadJsonAsync(request, allowEmpty: false);
        if (malformed is not null)
            return malformed;
        var items = BatchReport.Items(body);
        if (items.Length == 0)
            return ApiErrors.BadRequest("The request body must be a non-empty array of companies.");
        if (items.Length > options.Value.BatchLimit)
            return BatchReport.TooMany(options.Value.BatchLimit);
        var outcomes = new List<ItemOutcome>(items.Length);
        foreach (var item in items)
        {
            // An edit item names its company by "id"; the rest of it reads as company fields.
            string? id = null;
            if (!create && item is JsonObject fields && fields["id"] is { } given)
            {
                fields.Remove("id");
                id = ContactPayload.Text(given);
            }
            outcomes.Add(create || id is not null || replace ? await writes.WriteAsync(item, id, replace) : ItemOutcome.NotFound());
        }
        return BatchReport.Respond("companies", outcomes, create ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> BatchDeleteAsync(HttpRequest request, CompanyWrites writes, IOptions<ContactOptions> options, CancellationToken cancellationToken)
    {
        var ids = BatchReport.Ids(request);
        if (ids.Length == 0)
            return ApiErrors.BadRequest("Give the companies to delete as ids=1,2,3.");
        if (ids.Length > options.Value.BatchLimit)
            return BatchReport.TooMany(options.Value.BatchLimit);
        var outcomes = new List<ItemOutcome>(ids.Length);
        foreach (var id in ids)
            outcomes.Add(await writes.DeleteAsync(id, cancellationToken));
        return BatchReport.Respond("companies", outcomes, StatusCodes.Status200OK);
    }

    private static async Task<IResult> AddContactAsync(string companyId, string contactId, CompanyDirectory directory, ContactWriteContext context, TimeProvider clock)
    {
        if (!ContactIds.TryParse(companyId, out var company) || await directory.Get(company) is not { } found || await context.FindAsync(contactId) is not { } contact)
            return ApiErrors.NotFound();
        return await directory.Link(contact, found, clock.GetUtcNow()) ? Success() : ApiErrors.NotFound();
    }

    private static async Task<IResult> RemoveContactAsync(string companyId, string contactId, CompanyDirectory directory, ContactWriteContext context, TimeProvider clock)
    {
        if (!ContactIds.TryParse(companyId, out var company) || await directory.Get(company) is null || await context.FindAsync(contactId) is not { } contact)
            return ApiErrors.NotFound();
        await directory.Unlink(contact, company, clock.GetUtcNow());
        return Success();
    }

    /// <summary>Seed 004 "Get Contact's Companies": Mautic answers raw columns, so ids, flags and dates are strings.</summary>
    private static async Task<IResult> ContactCompaniesAsync(string id, CompanyDirectory directory, ContactWriteContext context)
    {
        if (await context.FindContactAsync(id) is not { } contact)
            return ApiErrors.NotFound();
        var rows = new JsonArray();
        foreach (var link in contact.Companies.OrderBy(l => l.DateAssociated))
        {
            if (await directory.Get(link.CompanyId) is not { } company)
                continue;
            rows.Add(new JsonObject
            {
                ["company_id"] = company.Id.ToString(CultureInfo.InvariantCulture),
                ["date_associated"] = Raw(link.DateAssociated),
                ["is_primary"] = link.IsPrimary ? "1" : "0",
                ["companyname"] = company.Name,
                ["companyemail"] = company.Fields.GetValueOrDefault("companyemail"),
                ["companycity"] = company.Fields.GetValueOrDefault("companycity"),
                ["score"] = "0",
                ["date_added"] = Raw(company.DateAdded),
            });
        }
        return Results.Json(new JsonObject { ["total"] = rows.Count, ["companies"] = rows });
    }

    private static string Raw(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static IResult Success() => Results.Json(new JsonObject { ["success"] = 1 });
}
