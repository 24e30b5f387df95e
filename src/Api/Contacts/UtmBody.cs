using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Grains.Fields;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Text;

namespace Actors.Api.Contacts;

/// <summary>
/// The body of <c>POST /contacts/{id}/utm/add</c> (MAUTIC-SPEC 3.10): the five utm values, url, referer, user agent
/// (<c>useragent</c> and its other spellings) and remotehost, each one value as Mautic's lead_utmtags row holds each
/// in a column, so a list is a 400 rather than its JSON text; <c>query</c>; and <c>lastActive</c>. utm_content is cut
/// to <see cref="MaxContentLength"/> characters, as Mautic's UtmTag cuts it to the length its index holds. A body with
/// none of these values would add an empty record, so it is a 400, and so is a value holding a control character other
/// than tab and line breaks, which a contact's fields refuse too; other members are ignored, as Mautic ignores them.
/// </summary>
internal static class UtmBody
{
    /// <summary>Mautic's indexed varchar length (ClassMetadataBuilder::MAX_VARCHAR_INDEXED_LENGTH).</summary>
    public const int MaxContentLength = 191;

    private static readonly string[] Values =
        ["utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "url", "referer", "useragent", "Useragent", "userAgent", "remotehost"];

    /// <summary>The record and the lastActive it names, or the problem that refuses the body.</summary>
    public static (UtmRecord? Utm, DateTimeOffset? LastActive, string? Problem) Read(JsonObject? body, DateTimeOffset now)
    {
        var values = new Dictionary<string, string>();
        foreach (var name in Values)
        {
            switch (body?[name])
            {
                case null:
                    break;
                case JsonValue value when ContactPayload.Text(value) is { } text && !XmlText.IsValid(text):
                    return Fail($"{name}: {XmlText.Problem}");
                case JsonValue value:
                    values[name] = ContactPayload.Text(value);
                    break;
                default:
                    return Fail($"{name}: must be a single value.");
            }
        }
        DateTimeOffset? lastActive = null;
        if (body?["lastActive"] is { } activeNode)
        {
            if (!DateTimeOffset.TryParse(ContactPayload.Text(activeNode), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                return Fail("lastActive: must be a date such as 2017-01-17T00:30:08+00:00.");
            lastActive = parsed;
        }
        if (Query(body?["query"]) is not { } query)
            return Fail("query: must be an object of parameters or a query string.");
        // A NUL kept in a record's query broke PostgreSQL's reading of every contact's JSON in searches and sweeps.
        if (query.Any(entry => !XmlText.IsValid(entry.Key) || !XmlText.IsValid(entry.Value)))
            return Fail($"query: {XmlText.Problem}");
        if (query.Count == 0 && values.Values.All(string.IsNullOrWhiteSpace))
            return Fail("A UTM record needs a value: utm_source, utm_medium, utm_campaign, utm_content, utm_term, url, referer, query, useragent or remotehost.");
        var content = values.GetValueOrDefault("utm_content");
        var utm = new UtmRecord(lastActive ?? now, values.GetValueOrDefault("utm_source"), values.GetValueOrDefault("utm_medium"),
            values.GetValueOrDefault("utm_campaign"), content is null ? null : FieldValueLimits.Truncate(content, MaxContentLength),
            values.GetValueOrDefault("utm_term"), values.GetValueOrDefault("url"), values.GetValueOrDefault("referer"))
        {
            Query = query,
            // The seed writes "Useragent"; clients send every spelling of it.
            UserAgent = values.GetValueOrDefault("useragent") ?? values.GetValueOrDefault("Useragent") ?? values.GetValueOrDefault("userAgent"),
            RemoteHost = values.GetValueOrDefault("remotehost"),
        };
        return (utm, lastActive, null);
    }

    private static (UtmRecord?, DateTimeOffset?, string?) Fail(string problem) => (null, null, problem);

    /// <summary>The <c>query</c> of a UTM entry: a JSON object (or PHP array) of strings, or "cid=abc&amp;cond=new".</summary>
    private static Dictionary<string, string>? Query(JsonNode? node) => node switch
    {
        null => [],
        JsonObject members when members.All(m => m.Value is JsonValue) => members.ToDictionary(m => m.Key, m => ContactPayload.Text(m.Value)!),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String =>
            Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(value.GetValue<string>()).ToDictionary(p => p.Key, p => p.Value.LastOrDefault() ?? ""),
        _ => null,
    };
}
