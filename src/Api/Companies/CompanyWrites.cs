using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Api.Lists;
using Actors.Interfaces.Companies;
using Microsoft.Extensions.Options;

namespace Actors.Api.Companies;

/// <summary>
/// Writing one company body, for the single and the batch endpoints: new upserts on the name (201 new, 200 existing),
/// PUT replaces and creates what it cannot find, PATCH only edits; a rename onto a taken name is a 422.
/// </summary>
public sealed class CompanyWrites(CompanyDirectory directory, IOptions<ContactOptions> options, TimeProvider clock)
{
    /// <param name="id">The route or item id; null for new.</param>
    /// <param name="replace">PUT: blanks clear, and fields left out are cleared.</param>
    public async Task<ItemOutcome> WriteAsync(JsonNode? body, string? id, bool replace)
    {
        var (fields, error, details) = CompanyPayload.Read(body, options.Value.MaxFieldLength, clearBlanks: replace);
        if (fields is null)
            return ItemOutcome.Failure(StatusCodes.Status400BadRequest, error!, details);
        var at = clock.GetUtcNow();
        long companyId = 0;
        if (id is not null && (!ContactIds.TryParse(id, out companyId) || await directory.Get(companyId) is null))
        {
            if (!replace)
                return ItemOutcome.NotFound();
            id = null;
        }
        if (id is null)
        {
            if (fields.GetValueOrDefault(CompanyNames.Alias) is not { } name)
                return NameRequired();
            var (company, created) = await directory.Upsert(name, fields, at);
            return new ItemOutcome(created ? StatusCodes.Status201Created : StatusCodes.Status200OK, CompanyJson.Write(company), null);
        }
        if (await directory.Edit(companyId, fields, replace, at) is not { } write)
            return ItemOutcome.NotFound();
        if (write.NameRequired)
            return NameRequired();
        if (write.NameTaken)
            return ItemOutcome.Failure(StatusCodes.Status422UnprocessableEntity, $"{CompanyNames.Alias}: This field must be unique.",
                new JsonObject { [CompanyNames.Alias] = new JsonArray("This field must be unique.") });
        return new ItemOutcome(StatusCodes.Status200OK, CompanyJson.Write(write.Company!), null);
    }

    public async Task<ItemOutcome> DeleteAsync(string id, CancellationToken cancellationToken)
        => ContactIds.TryParse(id, out var companyId) && await directory.Delete(companyId, cancellationToken) is { } deleted
            ? new ItemOutcome(StatusCodes.Status200OK, CompanyJson.Write(deleted), null)
            : ItemOutcome.NotFound();

    private static ItemOutcome NameRequired()
    {
        var (message, details) = CompanyPayload.NameRequired();
        return ItemOutcome.Failure(StatusCodes.Status400BadRequest, message, details);
    }
}
