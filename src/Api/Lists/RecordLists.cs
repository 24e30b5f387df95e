using Actors.Api.Errors;
using Actors.Grains.Storage.Records;

namespace Actors.Api.Lists;

/// <summary>Finds the reader of a record table; the in-memory storage (for tests) has none, which a list answers with 501.</summary>
public static class RecordLists
{
    public static RecordTableReader? Reader(HttpContext http, string table)
    {
        try
        {
            return http.RequestServices.GetRequiredKeyedService<RecordTableReader>(table);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    public static IResult NoTable(string table)
        => ApiErrors.Problem(StatusCodes.Status501NotImplemented, $"The {table} list reads the {table} table, which the Memory storage provider does not have.");
}
