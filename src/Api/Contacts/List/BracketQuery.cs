using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Actors.Api.Contacts.List;

/// <summary>
/// Reads PHP-style array parameters ("where[0][val][]=a") from a query string into a tree: a JSON object per
/// array (keyed by index or name, as PHP arrays are, in the order the keys arrived) with strings as leaves.
/// </summary>
public static class BracketQuery
{
    /// <summary>
    /// The deepest nesting a name may give (PHP's max_input_nesting_level, and the depth JSON bodies are read to): a
    /// deeper one is refused rather than read, so a short body cannot make a tree that costs minutes to walk.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// The array named <paramref name="name"/> in <paramref name="query"/> (a raw query string, with or without its "?"),
    /// or null when the query has none. Its pairs are read in the order given, as PHP reads them, not grouped by name: in
    /// "a[]=x&amp;a[5]=y&amp;a[]=z" z takes index 6, after y, and a later key replaces what an earlier one gave the same name.
    /// </summary>
    /// <exception cref="FormatException">A key nests deeper than <see cref="MaxDepth"/>.</exception>
    public static JsonObject? Read(string query, string name) =>
        ReadAll(Pairs(query).Where(pair => pair.Key.StartsWith(name + "[", StringComparison.Ordinal)))[name] as JsonObject;

    /// <summary>
    /// The parameter named <paramref name="name"/> in <paramref name="query"/> as PHP reads it, or null when the query
    /// has none: the text of "ids=1,2", or the array of "ids[]=3&amp;ids[]=1" or "ids[1]=3&amp;ids[0]=1" (keyed as
    /// <see cref="Read"/> keys one), whichever pair came last, as a later pair replaces what an earlier one gave.
    /// </summary>
    /// <exception cref="FormatException">A key nests deeper than <see cref="MaxDepth"/>.</exception>
    public static JsonNode? Parameter(string query, string name) =>
        ReadAll(Pairs(query).Where(pair => pair.Key == name || pair.Key.StartsWith(name + "[", StringComparison.Ordinal)))[name];

    /// <summary>
    /// The text of the plain parameter <paramref name="name"/> ("limit=2"), read as <see cref="Parameter"/> reads it, so
    /// "limit=1&amp;limit=2" gives 2 as PHP does; null when the query has none.
    /// </summary>
    /// <exception cref="FormatException">The pair that came last gives an array ("limit[]=2"), or a key nests too deep.</exception>
    public static string? Text(string query, string name) => Parameter(query, name) switch
    {
        null => null,
        JsonValue text => text.GetValue<string>(),
        _ => throw new FormatException($"{name} must be a single value, not an array."),
    };

    /// <summary>
    /// Whether the plain parameter <paramref name="name"/> (<c>published</c>, <c>minimal</c>) is set, read as
    /// <see cref="Text"/> reads it and then as Mautic's <c>if ($request->get('published', 0))</c> reads it, by PHP's
    /// truthiness: any text but the empty one and <c>0</c> is true, so <c>TRUE</c>, <c>yes</c>, <c>2</c> and even
    /// <c>false</c> set it, and a query without it leaves it unset.
    /// </summary>
    /// <exception cref="FormatException">The pair that came last gives an array, or a key nests too deep.</exception>
    public static bool Flag(string query, string name) => Text(query, name) is { Length: > 0 } text && text != "0";

    /// <summary>
    /// The texts a parameter gives, in order: its items when it is an array (items that are arrays themselves left
    /// out), else itself, each split at commas, blanks trimmed and empty ones left out; "ids=1,2" and "ids[]=1&amp;ids[]=2"
    /// alike give 1 and 2.
    /// </summary>
    public static string[] Texts(JsonNode? parameter) => (parameter switch
        {
            JsonObject items => items.Select(item => item.Value).OfType<JsonValue>().Select(item => item.GetValue<string>()),
            JsonValue text => [text.GetValue<string>()],
            _ => [],
        })
        .SelectMany(text => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        .ToArray();

    /// <summary>The pairs of a query string or form body ("?" first or not), names and values decoded, in the order given.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Pairs(string encoded)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var pair in new QueryStringEnumerable(encoded))
            pairs.Add(KeyValuePair.Create(pair.DecodeName().ToString(), pair.DecodeValue().ToString()));
        return pairs;
    }

    /// <summary>
    /// The pairs, in the order given, as one tree, as PHP reads a body: "a=1&amp;b[0][c]=2" becomes
    /// {"a":"1","b":{"0":{"c":"2"}}}. A name given again replaces what it held, so where a name is given both as a
    /// value and as an array (ms=a&amp;ms[0]=b) the later one wins; a key whose brackets do not pair up is kept as a
    /// plain name. A pair without a name ("=x", "[a]=x") is left out, as PHP leaves it out.
    /// </summary>
    /// <exception cref="FormatException">A key nests deeper than <see cref="MaxDepth"/>.</exception>
    public static JsonObject ReadAll(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var tree = new Tree();
        foreach (var (key, value) in pairs)
        {
            var open = key.IndexOf('[');
            if (key.Length == 0 || open == 0)
                continue;
            var path = open > 0 && Path(key[open..]) is { } brackets ? [key[..open], .. brackets] : new[] { key };
            tree.Insert(path, value);
        }
        return tree.Root;
    }

    /// <summary>
    /// Whether PHP keys an array by <paramref name="key"/> as an integer: a canonical decimal one, an optional minus, no
    /// leading zero, within a long ("5" and "-5", not "05", "-0", "+5" or "9223372036854775808", which are string keys).
    /// </summary>
    static bool IsIndex(string key, out long index)
    {
        index = 0;
        return key.Length > 0 && (key == "0" || (key[0] is >= '1' and <= '9') || (key.Length > 1 && key[0] == '-' && key[1] is >= '1' and <= '9'))
            && long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out index);
    }

    /// <summary>"[0][val][]" as ["0", "val", ""]; null when the brackets do not pair up.</summary>
    /// <exception cref="FormatException">More than <see cref="MaxDepth"/> pairs of brackets.</exception>
    static string[]? Path(string brackets)
    {
        var segments = new List<string>();
        var at = 0;
        while (at < brackets.Length)
        {
            var close = brackets.IndexOf(']', at);
            if (brackets[at] != '[' || close < 0)
                return null;
            if (segments.Count == MaxDepth)
                throw new FormatException($"A parameter name nests arrays deeper than {MaxDepth} levels.");
            segments.Add(brackets[(at + 1)..close]);
            at = close + 1;
        }
        return segments.ToArray();
    }

    /// <summary>
    /// A tree being read, with where "[]" appends in each of its arrays, as in PHP: after the greatest index so far, from
    /// 0. Kept per array as keys arrive, so a list of n "[]" pairs reads in n steps rather than n² (an array of tens of
    /// thousands of items fits in a body). An array holding the greatest index a long can be has no next one: PHP refuses
    /// the append, and so the pair is left out.
    /// </summary>
    sealed class Tree
    {
        readonly Dictionary<JsonObject, Int128> _nextIndex = new(ReferenceEqualityComparer.Instance);

        public JsonObject Root { get; } = new();

        public void Insert(string[] path, string value)
        {
            var node = Root;
            for (var i = 0; i < path.Length; i++)
            {
                var append = _nextIndex.GetValueOrDefault(node);
                if (path[i].Length == 0 && append > long.MaxValue)
                    return;
                var segment = path[i].Length == 0 ? ((long)append).ToString(CultureInfo.InvariantCulture) : path[i];
                Int128 next = IsIndex(segment, out var index) ? (Int128)index + 1 : 0;
                _nextIndex[node] = _nextIndex.TryGetValue(node, out var known) ? Int128.Max(known, next) : next;
                if (i == path.Length - 1)
                {
                    node[segment] = value;
                    return;
                }
                // A value in the way is replaced by the array, as PHP replaces it.
                node = node[segment] as JsonObject ?? (JsonObject)(node[segment] = new JsonObject());
            }
        }
    }
}
