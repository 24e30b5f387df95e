using System.Text.Json.Nodes;
using Actors.Interfaces.Fields;
using Actors.Grains.Storage.Contacts.Query;
using Actors.Grains.Errors;

namespace Actors.Api.Contacts.List;

/// <summary>
/// Mautic's where[] array (MAUTIC-SPEC 3.6) as a <see cref="ContactFilter"/>: entries are ANDed; each names a
/// column ("col" or "column"), an expression and a value ("val" or "value"); andX/orX nest entries in their value.
/// Columns are the whitelist of <see cref="ContactColumns"/>; anything else is refused, never written into SQL.
/// </summary>
public static class WhereExpressions
{
    static readonly Dictionary<string, Comparison> Expressions = Enum.GetValues<Comparison>()
        .ToDictionary(c => c.ToString(), StringComparer.OrdinalIgnoreCase);

    /// <exception cref="FormatException">An entry names an unknown column or expression, or has the wrong shape.</exception>
    public static ContactFilter Parse(JsonObject where, IReadOnlyList<FieldDefinition> fields) =>
        new AllOf(Entries(where, "where").Select(e => Entry(e.Node, e.Path, fields)).ToArray());

    static ContactFilter Entry(JsonObject entry, string path, IReadOnlyList<FieldDefinition> fields)
    {
        var expression = Text(entry["expr"]) ?? throw new FormatException($"{path}[expr] is missing or not a single value.");
        var value = entry["val"] ?? entry["value"];
        if (expression.Equals("andX", StringComparison.OrdinalIgnoreCase) || expression.Equals("orX", StringComparison.OrdinalIgnoreCase))
        {
            var nested = value as JsonObject ?? throw new FormatException($"{path}[val] of {expression} must be an array of expressions.");
            var parts = Entries(nested, path + "[val]").Select(e => Entry(e.Node, e.Path, fields)).ToArray();
            return expression.Equals("andX", StringComparison.OrdinalIgnoreCase) ? new AllOf(parts) : new AnyOf(parts);
        }
        if (!Expressions.TryGetValue(expression, out var comparison))
            throw new FormatException($"{path}[expr]: \"{EchoedInput.Cap(expression)}\" is not a where expression.");
        var name = Text(entry["col"] ?? entry["column"]) ?? throw new FormatException($"{path}[col] is missing or not a single value.");
        var column = ContactColumns.Resolve(Unaliased(name), fields) ?? throw new FormatException($"{path}[col]: \"{EchoedInput.Cap(name)}\" is not a contact column.");
        return new Condition(column, comparison, Values(comparison, value, path));
    }

    static IReadOnlyList<string> Values(Comparison comparison, JsonNode? value, string path) => value switch
    {
        null => [],
        JsonObject array => array.Select(item => Text(item.Value) ?? throw new FormatException($"{path}[val][{EchoedInput.Cap(item.Key)}] must be a value, not an array.")).ToArray(),
        // A single value of in/notIn is a comma-separated list.
        _ when comparison is Comparison.In or Comparison.NotIn => Text(value)!.Split(',', StringSplitOptions.TrimEntries),
        _ => [Text(value)!],
    };

    /// <summary>The entries of an array, skipping those Mautic marks internal.</summary>
    static IEnumerable<(JsonObject Node, string Path)> Entries(JsonObject array, string path) =>
        array.Select(item => item.Value is JsonObject entry
                ? (entry, $"{path}[{EchoedInput.Cap(item.Key)}]")
                : throw new FormatException($"{path}[{EchoedInput.Cap(item.Key)}] must be an array with col, expr and val."))
            .Where(e => e.entry["internal"] is null);

    /// <summary>
    /// A column name without Mautic's alias of its contacts table, <c>l.</c>, which its list puts before an orderBy
    /// that has none and which clients therefore send (<c>l.firstname</c>); no other table's alias names a contact column.
    /// </summary>
    internal static string Unaliased(string name) => name.StartsWith(ContactsTableAlias, StringComparison.Ordinal) ? name[ContactsTableAlias.Length..] : name;

    const string ContactsTableAlias = "l.";

    /// <summary>A parameter's text; null when it is absent or an array (a name given with brackets, <c>col[x]=…</c>).</summary>
    internal static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
