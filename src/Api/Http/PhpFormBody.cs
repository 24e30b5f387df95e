using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Contacts.List;
using Microsoft.AspNetCore.WebUtilities;

namespace Actors.Api.Http;

/// <summary>
/// Request bodies in the form Mautic's own PHP client sends them: its api-library posts every POST, PUT and PATCH
/// as <c>http_build_query</c> output (application/x-www-form-urlencoded), so "tags[0]=a&amp;tags[1]=b" is a list
/// and "0[email]=…&amp;1[email]=…" a batch. This turns such a body into the JSON tree the JSON bodies give, so one
/// reader serves both: PHP arrays keyed 0..n-1 become JSON arrays, other keys stay objects, every leaf is a string
/// (PHP writes true as "1" and false as "0", and leaves nulls out).
/// </summary>
public static class PhpFormBody
{
    public const string ContentType = "application/x-www-form-urlencoded";

    public static bool IsFormEncoded(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase);

    /// <exception cref="FormatException">A key uses one name both as a value and as an array.</exception>
    public static JsonNode Parse(string body) => AsLists(BracketQuery.ReadAll(QueryHelpers.ParseQuery(body)));

    private static JsonNode AsLists(JsonNode node)
    {
        if (node is not JsonObject members)
            return node;
        var children = members.Select(member => (member.Key, Value: AsLists(member.Value!.DeepClone()))).ToArray();
        var isList = children.Length > 0 && children.Select((child, index) => child.Key == index.ToString(CultureInfo.InvariantCulture)).All(matches => matches);
        return isList
            ? new JsonArray(children.Select(child => child.Value).ToArray())
            : new JsonObject(children.Select(child => KeyValuePair.Create(child.Key, (JsonNode?)child.Value)));
    }
}
