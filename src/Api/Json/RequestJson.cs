using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Api.Errors;
using Actors.Api.Http;
using Actors.Grains.Errors;

namespace Actors.Api.Json;

/// <summary>
/// How every endpoint that takes a body reads it, so that all of them refuse the same bodies with the same answer:
/// 413 past the length limit (read no further), and 400 for bytes that are not UTF-8, for text that is neither JSON
/// nor the form encoding of Mautic's PHP client (<see cref="PhpFormBody"/>), for a property that one object names
/// twice, and for a string or property name holding a lone UTF-16 surrogate escape such as <c>"\ud800"</c>.
/// </summary>
/// <remarks>
/// The last two are JSON that parses but that no endpoint could read. JSON leaves the meaning of a repeated name open
/// (one reader keeps the first, another the last) and <see cref="JsonObject"/> throws on it when first read; a lone
/// surrogate is valid JSON escape syntax but no text, and reading it as a string throws. Both are refused here, at any
/// depth, so an endpoint never meets them, nor stores them unread inside a member it keeps whole (a segment's filters).
/// .NET 10's <see cref="JsonDocumentOptions.AllowDuplicateProperties"/> would refuse repeated names too, but only as a
/// <see cref="JsonException"/> that cannot be told from a syntax error but by its text, and it throws
/// <see cref="InvalidOperationException"/> on a name with a lone surrogate; the one walk below needs every name anyway
/// to look for surrogates, and names the repeated property and where it is.
/// </remarks>
public static class RequestJson
{
    // Strict: a byte sequence that is not UTF-8 throws rather than becoming U+FFFD in what the endpoint stores. Only
    // UTF-8, as RFC 8259 asks of JSON between systems: a byte order mark is no reason to read UTF-16 or UTF-32.
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The body as a JSON tree, or the error to answer. An empty body is null where <paramref name="allowEmpty"/>;
    /// <paramref name="maxLength"/> counts characters.
    /// </summary>
    public static async Task<(JsonNode? Body, IResult? Error)> ReadAsync(HttpRequest request, int maxLength, bool allowEmpty)
    {
        // UTF-8 takes at most 3 bytes per UTF-16 character (4 for a pair of them): a longer declared body holds more
        // than maxLength characters, and is refused unread, before Kestrel's own limit throws on it.
        if (request.ContentLength > 3L * maxLength + 3)
            return (null, TooLong(maxLength));
        string text;
        try
        {
            using var reader = new StreamReader(request.Body, s_strictUtf8, detectEncodingFromByteOrderMarks: false);
            var chunk = new char[4096];
            var body = new StringBuilder();
            int read;
            while ((read = await reader.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                body.Append(chunk, 0, read);
                if (body.Length - ByteOrderMark(body) > maxLength)
                    return (null, TooLong(maxLength));
            }
            text = body.ToString(ByteOrderMark(body), body.Length - ByteOrderMark(body));
        }
        catch (DecoderFallbackException)
        {
            return (null, ApiErrors.BadRequest("The request body is not valid UTF-8."));
        }
        catch (IOException unreadable)
        {
            // The server's own refusal while reading (its body size limit, a body cut short or too slow, a chunk size
            // past 64 bits), or the client gone: the client's fault, not a 500.
            return (null, unreadable is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? TooLong(maxLength)
                : UnreadableBody.Answer(unreadable));
        }
        if (allowEmpty && string.IsNullOrWhiteSpace(text))
            return (null, null);
        if (PhpFormBody.IsFormEncoded(request))
        {
            try
            {
                return (PhpFormBody.Parse(text), null);
            }
            catch (FormatException deep)
            {
                return (null, ApiErrors.BadRequest(deep.Message));
            }
        }
        return Parse(text);
    }

    /// <summary>1 when the text starts with a byte order mark, which UTF-8 allows and which is no part of the text.</summary>
    private static int ByteOrderMark(StringBuilder text) => text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;

    private static IResult TooLong(int maxLength)
        => ApiErrors.Problem(StatusCodes.Status413PayloadTooLarge, $"The request body is longer than {maxLength} characters.");

    /// <summary>JSON text as a tree, or the 400 to answer.</summary>
    public static (JsonNode? Body, IResult? Error) Parse(string text)
    {
        JsonElement root;
        try
        {
            root = JsonElement.Parse(text);
        }
        catch (JsonException exception)
        {
            return (null, ApiErrors.BadRequest("The request body is not valid JSON.", new JsonObject { ["reason"] = exception.Message }));
        }
        if (Unreadable(root, "$") is { } problem)
            return (null, ApiErrors.BadRequest(problem.Message, new JsonObject { ["path"] = problem.Path, ["property"] = problem.Property }));
        return (root.ValueKind switch
        {
            JsonValueKind.Object => JsonObject.Create(root),
            JsonValueKind.Array => JsonArray.Create(root),
            _ => JsonValue.Create(root),
        }, null);
    }

    private sealed record Problem(string Message, string Path, string? Property);

    /// <summary>The first repeated property or lone surrogate in <paramref name="element"/>, which is at <paramref name="path"/>; depth-first.</summary>
    private static Problem? Unreadable(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                HashSet<string>? names = null;
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return LoneSurrogate(path, "a property name");
                    }
                    // Ordinal on the unescaped names: "email" and "\u0065mail" are the same property.
                    if (!(names ??= new HashSet<string>(StringComparer.Ordinal)).Add(name))
                        return new Problem($"The request body names the property '{EchoedInput.Cap(name)}' more than once in one object (at {path}).", path, EchoedInput.Cap(name));
                    if (Unreadable(property.Value, Member(path, name)) is { } inner)
                        return inner;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Unreadable(item, $"{path}[{index++}]") is { } inner)
                        return inner;
                }
                return null;
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return LoneSurrogate(path, "a string");
                }
            default:
                return null;
        }
    }

    private static Problem LoneSurrogate(string path, string what)
        => new($"The request body has {what} with a lone UTF-16 surrogate escape such as \\ud800, which is not text (at {path}).", path, null);

    // A path is only for errors, so each name in it is capped as an error repeats input.
    private static string Member(string path, string name)
    {
        var shown = EchoedInput.Cap(name);
        return name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{path}.{shown}" : $"{path}[{JsonSerializer.Serialize(shown)}]";
    }
}
