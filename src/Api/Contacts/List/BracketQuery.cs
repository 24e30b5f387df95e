using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Api.Contacts.List;

/// <summary>
/// Reads PHP-style array parameters ("where[0][val][]=a") from a query string into a tree: a JSON object per
/// array (keyed by index or name, as PHP arrays are, in the order the keys arrived) with strings as leaves.
/// </summary>
public static class BracketQuery
{
    /// <summary>The array named <paramref name="name"/>, or null when the query has none.</summary>
    /// <exception cref="FormatException">A key uses one name both as a value and as an array.</exception>
    public static JsonObject? Read(IQueryCollection query, string name)
    {
        JsonObject? root = null;
        foreach (var (key, values) in query)
        {
            if (!key.StartsWith(name + "[", StringComparison.Ordinal) || Path(key[name.Length..]) is not { } path)
                continue;
            foreach (var value in values)
                Insert(root ??= new JsonObject(), path, value ?? "", key);
        }
        return root;
    }

    /// <summary>
    /// Every parameter as one tree: "a=1&amp;b[0][c]=2" becomes {"a":"1","b":{"0":{"c":"2"}}}. A plain name given
    /// twice keeps its last value, as PHP does; a key whose brackets do not pair up is kept as a plain name.
    /// </summary>
    /// <exception cref="FormatException">A key uses one name both as a value and as an array.</exception>
    public static JsonObject ReadAll(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> parameters)
    {
        var root = new JsonObject();
        foreach (var (key, values) in parameters)
        {
            var open = key.IndexOf('[');
            var path = open > 0 && Path(key[open..]) is { } brackets ? [key[..open], .. brackets] : new[] { key };
            if (path.Length == 1)
            {
                if (root[key] is JsonObject)
                    throw new FormatException($"The parameter {key} is given both as a value and as an array.");
                root[key] = values.LastOrDefault() ?? "";
                continue;
            }
            foreach (var value in values)
                Insert(root, path, value ?? "", key);
        }
        return root;
    }

    /// <summary>"[0][val][]" as ["0", "val", ""]; null when the brackets do not pair up.</summary>
    static string[]? Path(string brackets)
    {
        var segments = new List<string>();
        var at = 0;
        while (at < brackets.Length)
        {
            var close = brackets.IndexOf(']', at);
            if (brackets[at] != '[' || close < 0)
                return null;
            segments.Add(brackets[(at + 1)..close]);
            at = close + 1;
        }
        return segments.ToArray();
    }

    static void Insert(JsonObject node, string[] path, string value, string key)
    {
        for (var i = 0; i < path.Length; i++)
        {
            // "[]" appends, as in PHP.
            var segment = path[i].Length == 0 ? node.Count.ToString(CultureInfo.InvariantCulture) : path[i];
            if (i == path.Length - 1)
            {
                if (node[segment] is JsonObject)
                    throw new FormatException($"The parameter {key} is given both as a value and as an array.");
                node[segment] = value;
                return;
            }
            node = node[segment] switch
            {
                JsonObject child => child,
                null => (JsonObject)(node[segment] = new JsonObject()),
                _ => throw new FormatException($"The parameter {key} is given both as a value and as an array."),
            };
        }
    }
}
