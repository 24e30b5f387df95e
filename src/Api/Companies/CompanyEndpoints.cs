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

namespace Actors.Api.Companies;

/// <summary>
/// /api/companies in Mautic's shapes: the list from the companies table, get, new (an upsert on the company name:
/// 201 new, 200 existing), edit (PUT replaces and creates when missing, PATCH answers 404), delete, the contact links,
/// and GET /api/contacts/{id}/companies.
/// </summary>
public static class CompanyEndpoints
{
    private static readonly string[] SearchColumns = ["companyname", "companyemail", "companycity", "companycountry"];

    public static RouteGroupBuilder MapCompanies(this RouteGroupBuilder api)
    {
        var companies = api.MapGroup("/companies");
        companies.MapGet("", ListAsync);
        companies.MapGet("/{id}", GetAsync);
        companies.MapPost("/new", (HttpRequest request, CompanyDirectory directory, ContactWriteContext context, IOptions<ContactOptions> options, TimeProvider clock)
            => WriteAsync(request, null, replace: false, directory, context, options, clock));
        companies.MapPut("/{id}/edit", (string id, HttpRequest request, CompanyDirectory directory, ContactWriteContext context, IOptions<ContactOptions> options, TimeProvider clock)
            => WriteAsync(request, id, replace: true, directory, context, options, clock));
        companies.MapPatch("/{id}/edit", (string id, HttpRequest request, CompanyDirectory directory, ContactWriteContext context, IOptions<ContactOptions> options, TimeProvider clock)
            => WriteAsync(request, id, replace: false, directory, context, options, clock));
        companies.MapDelete("/{id}/delete", DeleteAsync);
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
            var list = ListParameters.Read(http.Request.Query);
            var orderBy = list.OrderBy ?? "id";
            if (!CompanyTable.Definition.HasColumn(orderBy) || orderBy == "fields")
                throw new FormatException($"orderBy: there is no company column '{orderBy}'.");
            query = new RecordQuery { Search = list.Search, SearchColumns = SearchColumns, OrderBy = orderBy, Descending = list.Descending, Start = list.Start, Limit = list.Limit };
        }
        catch (FormatException e)
        {
            return ApiErrors.BadRequest(e.Message);
        }
        if (RecordLists.Reader(http, CompanyTable.Name) is not { } reader)
            return RecordLists.NoTable(CompanyTable.Name);
        var page = await reader.ReadAsync(query, cancellationToken);
        var companies = new JsonObject();
        foreach (var stored in page.Records)
        {
            companies[stored.Id.ToString(CultureInfo.InvariantCulture)] = CompanyJson.Write(StoredCompany.ToSnapshot(stored.Id, stored.Payload));
        }
        return Results.Json(new JsonObject { ["total"] = page.Total, ["companies"] = companies });
    }

    private static async Task<IResult> GetAsync(string id, CompanyDirectory directory)
        => ContactIds.TryParse(id, out var companyId) && await directory.Get(companyId) is { } company
            ? Results.Json(new JsonObject { ["company"] = CompanyJson.Write(company) })
            : ApiErrors.NotFound();

    private static async Task<IResult> WriteAsync(HttpRequest request, string? id, bool replace, CompanyDirectory directory,
        ContactWriteContext context, IOptions<ContactOptions> options, TimeProvider clock)
    {
        var (body, malformed) = await context.ReadJsonAsync(request, allowEmpty: false);
        if (malformed is not null)
            return malformed;
        var (fields, error, details) = CompanyPayload.Read(body, options.Value.MaxFieldLength, clearBlanks: replace);
        if (fields is null)
            return ApiErrors.BadRequest(error!, details);
        var at = clock.GetUtcNow();
        long companyId = 0;
        if (id is not null && (!ContactIds.TryParse(id, out companyId) || await directory.Get(companyId) is null))
        {
            // PUT creates what it cannot find, as Mautic's edit does; PATCH only edits.
            if (!replace)
                return ApiErrors.NotFound();
            id = null;
        }
        if (id is null)
        {
            if (fields.GetValueOrDefault(CompanyNames.Alias) is not { } name)
            {
                var (message, required) = CompanyPayload.NameRequired();
                return ApiErrors.BadRequest(message, required);
            }
            var (company, created) = await directory.Upsert(name, fields, at);
            return Written(request, company, created);
        }
        var write = await directory.Edit(companyId, fields, replace, at);
        if (write!.NameRequired)
        {
            var (message, required) = CompanyPayload.NameRequired();
            return ApiErrors.BadRequest(message, required);
        }
        if (write.NameTaken)
            return ApiErrors.Problem(StatusCodes.Status422UnprocessableEntity, $"{CompanyNames.Alias}: This field must be unique.",
                new JsonObject { [CompanyNames.Alias] = new JsonArray("This field must be unique.") });
        return Written(request, write.Company!, created: false);
    }

    private static IResult Written(HttpRequest request, CompanySnapshot company, bool created)
    {
        if (created)
            request.HttpContext.Response.Headers.Location = $"/api/companies/{company.Id}";
        return Results.Json(new JsonObject { ["company"] = CompanyJson.Write(company) }, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> DeleteAsync(string id, CompanyDirectory directory)
        => ContactIds.TryParse(id, out var companyId) && await directory.Delete(companyId) is { } deleted
            ? Results.Json(new JsonObject { ["company"] = CompanyJson.Write(deleted) })
            : ApiErrors.NotFound();

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
        if (await context.FindAsync(id) is not { } contactId)
            return ApiErrors.NotFound();
        var contact = await context.Grains.GetContact(contactId).Get();
        var rows = new JsonArray();
        foreach (var link in contact!.Companies.OrderBy(l => l.DateAssociated))
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
