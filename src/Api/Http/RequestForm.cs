namespace Actors.Api.Http;

/// <summary>Reads a request's form body for endpoints that answer an unreadable one as bad input rather than a failure.</summary>
public static class RequestForm
{
    /// <summary>
    /// The form body, or null when it is malformed (a multipart body without its boundary, with one over the length
    /// limit, or cut short; a bad header line) or beyond the form limits (value count, key and value length).
    /// BadHttpRequestException, a body over the request size limit, is an IOException too.
    /// </summary>
    public static async Task<IFormCollection?> ReadOrNullAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or IOException)
        {
            return null;
        }
    }
}
