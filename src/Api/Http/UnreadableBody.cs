using Actors.Api.Errors;

namespace Actors.Api.Http;

/// <summary>
/// The answer to a request body the server could not read, which is the client's fault and never a 500. Kestrel
/// refuses one in two ways: a <see cref="BadHttpRequestException"/> carrying the status to answer (413 past the size
/// limit, 408 for a body arriving too slowly, 400 for chunk syntax such as <c>zz</c>), and a plain
/// <see cref="IOException"/> wrapping the <see cref="OverflowException"/> of a chunk size past 64 bits.
/// </summary>
public static class UnreadableBody
{
    /// <summary>Whether <paramref name="failure"/> is the server refusing the body rather than some other input or output failure.</summary>
    public static bool IsRefusal(IOException failure) => failure is BadHttpRequestException || failure.InnerException is OverflowException;

    /// <summary>The refusal in the API's error format, with the server's status (400 for the chunk size overflow).</summary>
    public static IResult Answer(IOException failure)
        => ApiErrors.Problem(failure is BadHttpRequestException refused ? refused.StatusCode : StatusCodes.Status400BadRequest,
            "The request body could not be read: " + failure.Message);
}
