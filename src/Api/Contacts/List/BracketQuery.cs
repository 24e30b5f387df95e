using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Api.Contacts.List;

/// <summary>
/// Reads PHP-style array parameters ("where[0][val][]=a") from a query string into a tree: a JSON object per
/// array (keyed by index or name, as PHP arrays are, in the order the keys arrived) with strings as leaves.
/// </summary>
public static class BracketQuery
{
    /// <summary>
    /// The array named <paramref name="name"/>, or null when the query has none. As in PHP a later key replaces what
    /// an earlier one gave the same name; the query groups a key's repeated values, so later means first seen later.
    /// </summary>
    public static JsonObject? Read(IQueryCollection query, string name)
    {
        JsonObject? root = null;
        foreach (var (key, values) in query)
        {
            if (!key.StartsWith(name + "[", StringComparison.Ordinal) || Path(key[name.Length..]) is not { } path)
                continue;
            foreach (var value in values)
                Insert(root ??= new JsonObject(), path, value ?? "");
        }
        return root;
    }

    /// <summary>
    /// The pairs, in the order given, as one tree, as PHP reads a body: "a=1&amp;b[0][c]=2" becomes
    /// {"a":"1","b":{"0":{"c":"2"}}}. A name given again replaces what it held, so where a name is given both as a
    /// value and as an array (ms=a&amp;ms[0]=b) the later one wins; a key whose brackets do not pair up is kept as a
    /// plain name.
    /// </summary>
    public static JsonObject ReadAll(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var root = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            var open = key.IndexOf('[');
            var path = open > 0 && Path(key[open..]) is { } brackets ? [key[..open], .. brackets] : new[] { key };
            Insert(root, path, value);
        }
        return root;
    }

    /// <summary>Whether <paramref name="key"/> is one PHP takes for an integer, as a list's indexes are ("5", not "05").</summary>
    public static bool IsIndex(string key, out long index)
    {
        index = 0;
        return key.Length > 0 && (key == "0" || (key[0] is >= '1' and <= '9') || (key.Length > 1 && key[0] == '-' && key[1] is >= '1' and <= '9'))
            && long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out index);
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

    static void Insert(JsonObject node, string[] path, string value)
    {
        for (var i = 0; i < path.Length; i++)
        {
            var segment = path[i].Length == 0 ? NextIndex(node) : path[i];
            if (i == path.Length - 1)
            {
                node[segment] = value;
                return;
            }
            // A value in the way is replaced by the array, as PHP replaces it.
            node = node[segment] as JsonObject ?? (JsonObject)(node[segment] = new JsonObject());
        }
    }

    /// <summary>Where "[]" appends, as in PHP: after the greatest index so far, from 0.</summary>
    static string NextIndex(JsonObject node) =>
        (node.Select(member => IsIndex(member.Key, out var index) ? index + 1 : 0).DefaultIfEmpty(0).Max()).ToString(CultureInfo.InvariantCulture);
}
