using Actors.Interfaces.Fields;

namespace Actors.Grains.Storage.Contacts.Query;

public enum ColumnKind
{
    Text,

    /// <summary>A number field's value: stored as text in the fields JSON, compared and ordered as a number.</summary>
    Number,
    Integer,
    Boolean,
    Timestamp,
}

/// <summary>
/// A column a query may name: one of the contacts table's query columns, or a field value read from the row's
/// fields JSON (<see cref="InFields"/>). <see cref="Name"/> of a table column is always one of the table's own
/// names, never the caller's text, so it can be written into SQL.
/// </summary>
public sealed record ContactColumn(string Name, ColumnKind Kind, bool InFields);

/// <summary>The whitelist of names that where expressions, orderBy and search commands may use.</summary>
public static class ContactColumns
{
    // payload, version, fields and merged_into are storage details: every listed row is live and has all three.
    static readonly Dictionary<string, ContactColumn> Table = new ContactColumn[]
    {
        new("id", ColumnKind.Integer, false),
        new("email", ColumnKind.Text, false),
        new("firstname", ColumnKind.Text, false),
        new("lastname", ColumnKind.Text, false),
        new("company", ColumnKind.Text, false),
        new("city", ColumnKind.Text, false),
        new("country", ColumnKind.Text, false),
        new("points", ColumnKind.Integer, false),
        new("owner_id", ColumnKind.Integer, false),
        new("stage", ColumnKind.Text, false),
        new("is_anonymous", ColumnKind.Boolean, false),
        new("date_added", ColumnKind.Timestamp, false),
        new("date_modified", ColumnKind.Timestamp, false),
        new("date_identified", ColumnKind.Timestamp, false),
        new("last_active", ColumnKind.Timestamp, false),
    }.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    public static ContactColumn Id => Table["id"];
    public static ContactColumn OwnerId => Table["owner_id"];
    public static ContactColumn IsAnonymous => Table["is_anonymous"];
    public static ContactColumn LastActive => Table["last_active"];

    /// <summary>The table column <paramref name="name"/>, or null.</summary>
    public static ContactColumn? Column(string name) => Table.GetValueOrDefault(name);

    /// <summary>
    /// A field alias as a column: its own table column when it has one (email, points, last_active...), else its
    /// value in the fields JSON, a number for a number field. Null when <paramref name="alias"/> is none of <paramref name="fields"/>.
    /// </summary>
    public static ContactColumn? Field(string alias, IEnumerable<FieldDefinition> fields) =>
        fields.FirstOrDefault(f => string.Equals(f.Alias, alias, StringComparison.OrdinalIgnoreCase)) is { } known
            ? Column(known.Alias) ?? new ContactColumn(known.Alias, known.Type == "number" ? ColumnKind.Number : ColumnKind.Text, InFields: true)
            : null;

    /// <summary>A table column or a field alias, as where expressions and orderBy accept them.</summary>
    public static ContactColumn? Resolve(string name, IEnumerable<FieldDefinition> fields) => Column(name) ?? Field(name, fields);
}
