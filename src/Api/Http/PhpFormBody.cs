using System.Text.Json.Nodes;
using Actors.Api.Contacts.List;

namespace Actors.Api.Http;

/// <summary>
/// Request bodies in the form Mautic's own PHP client sends them: its api-library posts every POST, PUT and PATCH
/// as <c>http_build_query</c> output (application/x-www-form-urlencoded), so "tags[0]=a&amp;tags[1]=b" is a list
/// and "0[email]=…&amp;1[email]=…" a batch. This turns such a body into the JSON tree the JSON bodies give, so one
/// reader serves both: PHP arrays keyed by numbers become JSON arrays of their values in the order the keys came
/// ("ms[1]=b&amp;ms[0]=a" is ["b","a"], as Mautic takes the values of the array PHP builds), other keys stay objects,
/// every leaf is a string (PHP writes true as "1" and false as "0", and leaves nulls out). Pairs are read in order, as
/// PHP reads them, so a name given again, also once as a value and once as an array, holds what came last.
/// </summary>
public static class PhpFormBody
{
    public const string ContentType = "application/x-www-form-urlencoded";

    public static bool IsFormEncoded(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase);

    /// <exception cref="FormatException">
    /// A name nests arrays deeper than <see cref="BracketQuery.MaxDepth"/>, or a name or value is not UTF-8 once
    /// percent-decoded (<see cref="PercentEncodedUtf8"/>).
    /// </exception>
    public static JsonNode Parse(string body)
    {
        PercentEncodedUtf8.Check(body);
        return AsLists(BracketQuery.ReadAll(BracketQuery.Pairs(body)));
    }

    private static JsonNode AsLists(JsonNode node)
    {
        if (node is not JsonObject members)
            return node;
        // Taken out of their object (which Clear detaches them from) so each can join the node that replaces it as it is.
        var detached = members.ToArray();
        members.Clear();
        var children = detached.Select(member => (member.Key, Value: AsLists(member.Value!))).ToArray();
        var isList = children.Length > 0 && children.All(child => IsWrittenAsNumber(child.Key));
        return isList
            ? new JsonArray(children.Select(child => child.Value).ToArray())
            : new JsonObject(children.Select(child => KeyValuePair.Create(child.Key, (JsonNode?)child.Value)));
    }

    /// <summary>
    /// Whether a key is digits, perhaps after a minus: an index as a client writes one. PHP keys only the canonical ones
    /// ("1", not "01", "-0" or a number past a long) as integers and the rest as strings, so "ms[01]=a&amp;ms[1]=b" keeps
    /// both values under two keys; the tree keeps them apart as PHP does, and the array is still a list of its values,
    /// as Mautic takes them, so it is ["a","b"].
    /// </summary>
    static bool IsWrittenAsNumber(string key)
    {
        var digits = key.StartsWith('-') ? key.AsSpan(1) : key;
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }
}
