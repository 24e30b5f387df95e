using System.Globalization;
using System.Text;
using System.Text.Json;
using Actors.Grains.Companies;
using Actors.Grains.Fields;
using Actors.Grains.Imports;
using Actors.Grains.Storage.Sql;
using Actors.Runtime.Persistence.Migrations;
using Actors.Grains.Errors;
using Actors.Runtime.Persistence.Sqlite;
using Actors.Runtime.Text;

namespace Actors.Grains.Storage.Contacts.Query;

/// <summary>
/// Writes filters and orderings as SQL over the contacts table in either dialect. Only whitelisted column names
/// and fixed SQL are written into the text; every value the caller gave becomes a parameter (@p0, @p1...) of the
/// column's type, so no input can change the statement. LIKE compares lower-cased both sides, because SQLite's LIKE
/// ignores ASCII case and PostgreSQL's does not, and Mautic's (MySQL collation) ignores it; so do eq, neq, in and notIn
/// on text, which Mautic's collation makes case-insensitive too. SQLite's lower() folds ASCII only, so there text is
/// lower-cased by <see cref="SqliteDatabase.LowerFunction"/>, which folds every letter as PostgreSQL's lower() does
/// (<see cref="LowerCase"/>); written as that function of email so the email index on that expression serves them. Every
/// pattern is read as Mautic's MySQL reads it (<see cref="LikePattern"/>). A number field's value,
/// text in the fields JSON, compares and orders as a number, as Mautic's DOUBLE column does, and so does the stage id,
/// text in its column, as Mautic's integer stage_id does; text that reads as no number (left by builds that stored any
/// text, or a stage an import named by its name) is NULL there, so it matches no comparison and fails no query.
/// Presence (null, empty) and LIKE read the stored text of every column.
/// </summary>
internal sealed class ContactFilterSql(SqlStore store)
{
    readonly StringBuilder sql = new();

    public List<KeyValuePair<string, object?>> Parameters { get; } = [];

    bool IsSqlite => store.Dialect == SqlDialect.Sqlite;

    string Lower => store.LowerFunction;

    /// <summary>Writes <paramref name="filter"/> as one boolean expression and returns it.</summary>
    public string Where(ContactFilter filter)
    {
        sql.Clear();
        Append(filter);
        return sql.ToString();
    }

    /// <summary>The ORDER BY list; NULLs sort first ascending and last descending, as in MySQL, in both dialects.</summary>
    public string OrderBy(IEnumerable<ContactOrder> orders)
    {
        sql.Clear();
        foreach (var order in orders)
        {
            Expression(order.Column);
            sql.Append(order.Descending ? " DESC NULLS LAST, " : " ASC NULLS FIRST, ");
        }
        return sql.Append("id ASC").ToString();
    }

    void Append(ContactFilter filter)
    {
        switch (filter)
        {
            case AllOf { Parts.Count: 0 }:
                sql.Append("(1 = 1)");
                break;
            case AnyOf { Parts.Count: 0 }:
                sql.Append("(1 = 0)");
                break;
            case AllOf all:
                Join(all.Parts, " AND ");
                break;
            case AnyOf any:
                Join(any.Parts, " OR ");
                break;
            case Not not:
                sql.Append("(NOT COALESCE(");
                Append(not.Inner);
                sql.Append(", FALSE))");
                break;
            case Condition condition:
                sql.Append('(');
                AppendCondition(condition);
                sql.Append(')');
                break;
            case SetContains contains:
                AppendSetContains(contains);
                break;
            case ColumnAmong among:
                sql.Append('(');
                Expression(among.Column);
                sql.Append(AmongIds(among.Ids, asText: among.Column.Kind == ColumnKind.Text)).Append(')');
                break;
            case SetHoldsAny holds:
                // Set elements are read as text, so the ids go as text too.
                sql.Append($"EXISTS (SELECT 1 FROM {Elements(holds.Set)} WHERE {ElementText(holds.Set)}{AmongIds(holds.Ids, asText: true)})");
                break;
            case LinkedCompanyNamed named:
                sql.Append($"EXISTS (SELECT 1 FROM {Elements(ContactSet.Companies)} WHERE {ElementText(ContactSet.Companies)} IN ")
                    .Append($"(SELECT CAST(id AS TEXT) FROM {CompanyTable.Name} WHERE {Lower}(companyname) {LikeOperand(named.Pattern)}))");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter, "No SQL for this filter.");
        }
    }

    void Join(IReadOnlyList<ContactFilter> parts, string separator)
    {
        sql.Append('(');
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0)
                sql.Append(separator);
            Append(parts[i]);
        }
        sql.Append(')');
    }

    void AppendCondition(Condition condition)
    {
        var column = condition.Column;
        // A like reads its value as a pattern of the stored text; every other comparison as a value the field's writes would store.
        var values = column.StoredForm is { } field && condition.Comparison is not (Comparison.Like or Comparison.NotLike)
            ? condition.Values.Select(value => FieldValueRules.StoredForm(field, value) ?? value).ToArray()
            : condition.Values;
        switch (condition.Comparison)
        {
            case Comparison.Eq: Equality(column, "=", values); break;
            case Comparison.Neq: Equality(column, "<>", values); break;
            case Comparison.Lt: Binary(column, "<", values); break;
            case Comparison.Lte: Binary(column, "<=", values); break;
            case Comparison.Gt: Binary(column, ">", values); break;
            case Comparison.Gte: Binary(column, ">=", values); break;
            case Comparison.Like: Like(column, values); break;
            case Comparison.NotLike: sql.Append("NOT "); Like(column, values); break;
            case Comparison.In: In(column, "IN", values); break;
            case Comparison.NotIn: In(column, "NOT IN", values); break;
            case Comparison.Between: Between(column, "BETWEEN", values); break;
            case Comparison.NotBetween: Between(column, "NOT BETWEEN", values); break;
            case Comparison.IsNull: sql.Append(Stored(column)).Append(" IS NULL"); break;
            case Comparison.IsNotNull: sql.Append(Stored(column)).Append(" IS NOT NULL"); break;
            case Comparison.IsEmpty: Empty(column, empty: true); break;
            case Comparison.IsNotEmpty: Empty(column, empty: false); break;
            default: throw new ArgumentOutOfRangeException(nameof(condition), condition.Comparison, "No SQL for this comparison.");
        }
    }

    void Binary(ContactColumn column, string operation, IReadOnlyList<string> values)
    {
        Expression(column);
        sql.Append(' ').Append(operation).Append(' ').Append(Parameter(column, Single(column, values)));
    }

    void Equality(ContactColumn column, string operation, IReadOnlyList<string> values)
    {
        Compared(column);
        sql.Append(' ').Append(operation).Append(' ').Append(ComparedValue(column, Single(column, values)));
    }

    /// <summary>The column as equality reads it: text lower-cased, so that it ignores case; anything else as <see cref="Expression"/>.</summary>
    void Compared(ContactColumn column)
    {
        if (column.Kind == ColumnKind.Text)
            sql.Append(Lower).Append('(').Append(Stored(column)).Append(')');
        else
            Expression(column);
    }

    /// <summary>The operand equality compares with <see cref="Compared"/>: lower-cased by the same function for text.</summary>
    string ComparedValue(ContactColumn column, string value)
        => column.Kind == ColumnKind.Text ? $"{Lower}({Parameter(value)})" : Parameter(column, value);

    void Like(ContactColumn column, IReadOnlyList<string> values)
    {
        var pattern = LikePattern.Canonical(Single(column, values));
        sql.Append('(');
        if (IsSqlite && column.Kind == ColumnKind.Text && !column.InFields && RangePrefix(pattern) is { } prefix)
        {
            // SQLite uses an index for LIKE only on a bare NOCASE column, never on an expression; a range on the
            // indexed expression gives it the same prefix scan. Code point order makes [prefix, next) hold every match.
            sql.Append(Lower).Append('(').Append(column.Name).Append(") >= ").Append(Parameter(prefix))
                .Append(" AND ").Append(Lower).Append('(').Append(column.Name).Append(") < ").Append(Parameter(prefix[..^1] + (char)(prefix[^1] + 1)))
                .Append(" AND ");
        }
        sql.Append(Lower).Append('(');
        TextExpression(column);
        sql.Append(") ").Append(LikeOperand(pattern)).Append(')');
    }

    /// <summary>"LIKE" the lower-cased pattern, with the escape every pattern is read with.</summary>
    string LikeOperand(string pattern) => $"LIKE {Lower}({Parameter(LikePattern.Canonical(pattern))}){LikePattern.EscapeClause}";

    /// <summary>
    /// The pattern's plain text before its first wildcard, lower-cased as <see cref="SqliteDatabase.LowerFunction"/>
    /// does (a prefix lower-cased otherwise, "İ" kept where the column has "i", would bound a range missing its rows); null when there is none, or its last character has no next one outside the surrogates.
    /// </summary>
    static string? RangePrefix(string pattern)
    {
        var prefix = LowerCase.Of(LikePattern.LiteralPrefix(pattern));
        return prefix.Length == 0 || char.IsSurrogate(prefix[^1]) || prefix[^1] is '\uD7FF' or char.MaxValue ? null : prefix;
    }

    void In(ContactColumn column, string operation, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
            throw new ContactQueryException($"The column {column.Name} needs at least one value.");
        Compared(column);
        sql.Append(' ').Append(operation).Append(" (").AppendJoin(", ", values.Select(v => ComparedValue(column, v))).Append(')');
    }

    void Between(ContactColumn column, string operation, IReadOnlyList<string> values)
    {
        if (values.Count != 2)
            throw new ContactQueryException($"A between on {column.Name} needs exactly two values.");
        Expression(column);
        sql.Append(' ').Append(operation).Append(' ').Append(Parameter(column, values[0])).Append(" AND ").Append(Parameter(column, values[1]));
    }

    // Only text can be the empty string; for other columns empty means NULL.
    void Empty(ContactColumn column, bool empty)
    {
        var stored = Stored(column);
        sql.Append(stored).Append(empty ? " IS NULL" : " IS NOT NULL");
        if (StoredAsText(column))
            sql.Append(empty ? " OR " : " AND ").Append(stored).Append(empty ? " = ''" : " <> ''");
    }

    void AppendSetContains(SetContains contains)
    {
        var match = contains.Exact ? $"= {Lower}({Parameter(contains.Value)})" : LikeOperand(contains.Value);
        sql.Append($"EXISTS (SELECT 1 FROM {Elements(contains.Set)} WHERE {Lower}({ElementText(contains.Set)}) {match})");
    }

    /// <summary>An element of the set (a row of <see cref="Elements"/>) as text: the link's company id, the import's key, else the element itself.</summary>
    string ElementText(ContactSet set) => (set, IsSqlite) switch
    {
        (ContactSet.Companies, true) => "CAST(json_extract(value, '$.companyId') AS TEXT)",
        (ContactSet.Companies, false) => "(value ->> 'companyId')",
        (ContactSet.Imports, true) => "key",
        (_, true) => "CAST(value AS TEXT)",
        _ => "value",
    };

    /// <summary>The set's elements as a table whose rows <see cref="ElementText"/> reads.</summary>
    string Elements(ContactSet set)
    {
        var property = set switch
        {
            ContactSet.Tags => "tags",
            ContactSet.Ips => "ips",
            ContactSet.Segments => "segments",
            ContactSet.Companies => "companies",
            ContactSet.Imports => "imports",
            var unknown => throw new ArgumentOutOfRangeException(nameof(set), unknown, "No such set."),
        };
        // The payload is the grain's UTF-8 JSON: BLOB in SQLite (read as text, else SQLite takes it for JSONB), bytea in PostgreSQL.
        // Company links are objects and imports an object keyed by import id, so PostgreSQL reads them as JSON and as keys.
        var json = $"convert_from(payload, 'UTF8')::jsonb -> '{property}'";
        return (set, IsSqlite) switch
        {
            (_, true) => $"json_each(CAST(payload AS TEXT), '$.{property}')",
            (ContactSet.Companies, false) => $"jsonb_array_elements({json}) AS element(value)",
            (ContactSet.Imports, false) => $"jsonb_object_keys({json}) AS element(value)",
            _ => $"jsonb_array_elements_text({json}) AS element(value)",
        };
    }

    /// <summary>
    /// The test that the operand before it is one of the ids, which go as one parameter however many they are: a JSON
    /// array read by json_each in SQLite, an array for = ANY in PostgreSQL. As text (JSON strings, text[]) for a text
    /// operand, else as whole numbers, so each side compares with the other's type.
    /// </summary>
    string AmongIds(IReadOnlyList<long> ids, bool asText)
    {
        object values = asText ? ids.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToArray() : ids.ToArray();
        return IsSqlite
            ? $" IN (SELECT value FROM json_each({Parameter(JsonSerializer.Serialize(values))}))"
            : $" = ANY({Parameter(values)})";
    }

    /// <summary>The column as it compares and orders: a number's text (a number field's, the stage id) as a number.</summary>
    void Expression(ContactColumn column) => sql.Append(column.Kind == ColumnKind.Number ? AsNumber(Stored(column)) : Stored(column));

    /// <summary>The column as the row holds it: a table column, or a field's text in the fields JSON.</summary>
    string Stored(ContactColumn column)
    {
        if (!column.InFields)
            return column.Name;
        return IsSqlite
            ? $"json_extract(fields, {Parameter("$.\"" + column.Name + "\"")})"
            : $"(fields::jsonb ->> {Parameter(column.Name)})";
    }

    static bool StoredAsText(ContactColumn column) => column.Kind is ColumnKind.Text or ColumnKind.Number;

    /// <summary>
    /// The stored text as a number, NULL when it reads as none. SQLite's CAST never fails but reads any text's numeric
    /// prefix (0 for none), so the text must hold digits and nothing but number characters; PostgreSQL's fails on
    /// what is no number, so the text must have a number's shape, with an exponent numeric can hold (numeric, not
    /// double precision: 1e999 from an older build overflows a double). Canonical values, and the other spellings
    /// older builds stored ("1.0", " 01", "1e0"), read as the number they spell.
    /// </summary>
    string AsNumber(string stored) => IsSqlite
        ? $"(CASE WHEN {stored} GLOB '*[0-9]*' AND NOT {stored} GLOB '*[^0-9.eE+ -]*' THEN CAST({stored} AS REAL) END)"
        : $@"(CASE WHEN {stored} ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]{{1,4}})?\s*$' THEN CAST({stored} AS numeric) END)";

    void TextExpression(ContactColumn column) =>
        sql.Append(StoredAsText(column) ? Stored(column) : $"CAST({Stored(column)} AS TEXT)");

    static string Single(ContactColumn column, IReadOnlyList<string> values) =>
        values.Count == 1 ? values[0] : throw new ContactQueryException($"The column {column.Name} needs exactly one value.");

    /// <summary>The operand that compares <paramref name="value"/> with the column: a parameter of its type.</summary>
    string Parameter(ContactColumn column, string value)
    {
        if (column.Kind != ColumnKind.Number)
            return Parameter(Typed(column, value));
        if (!ImportValues.Number(value, out var number))
            throw new ContactQueryException($"The column {column.Name} holds numbers; \"{EchoedInput.Cap(value)}\" is not one.");
        // In its stored form, read as the stored values are.
        return $"CAST({Parameter(number)} AS {(IsSqlite ? "REAL" : "numeric")})";
    }

    object Typed(ContactColumn column, string value) => column.Kind switch
    {
        ColumnKind.Integer => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ContactQueryException($"The column {column.Name} holds whole numbers; \"{EchoedInput.Cap(value)}\" is not one."),
        ColumnKind.Boolean => value.Trim().ToLowerInvariant() switch
        {
            "1" or "true" or "yes" => true,
            "0" or "false" or "no" => false,
            _ => throw new ContactQueryException($"The column {column.Name} holds 1 or 0; \"{EchoedInput.Cap(value)}\" is neither."),
        },
        ColumnKind.Timestamp => DateSpelling.Moment(value) is { } time
            ? store.ToDbTimestamp(time)
            : throw new ContactQueryException($"The column {column.Name} holds dates; \"{EchoedInput.Cap(value)}\" is not one."),
        _ => value,
    };

    string Parameter(object value)
    {
        var name = "@p" + Parameters.Count.ToString(CultureInfo.InvariantCulture);
        Parameters.Add(new(name, value));
        return name;
    }
}
