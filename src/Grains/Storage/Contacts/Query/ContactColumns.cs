using Actors.Grains.Fields;
using Actors.Interfaces.Fields;

namespace Actors.Grains.Storage.Contacts.Query;

public enum ColumnKind
{
    Text,

    /// <summary>
    /// Text that holds a number, compared and ordered as one: a number field's value in the fields JSON, and the stage,
    /// an id kept as text that Mautic holds in an integer column (stage_id), so stage 10 orders after stage 9.
    /// </summary>
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
public sealed record ContactColumn(string Name, ColumnKind Kind, bool InFields)
{
    /// <summary>
    /// The boolean, date, datetime or time field whose values the column holds in their stored form (1/0, Y-m-d,
    /// Y-m-d H:i:s, H:i:s), so a where value is read by that field's write rules before it is compared; null for others.
    /// </summary>
    public FieldDefinition? StoredForm { get; init; }
}

/// <summary>
/// The whitelist of names that where expressions, orderBy and search commands may use. The contact's own members
/// (id, points, owner, stage, its dates) answer to their column name and, as in Mautic, where its entity has one,
/// to their member name too (date_modified and dateModified); the other table columns hold field values, and a
/// query reaches them only through a field of the catalog it is given (<see cref="Field"/>).
/// </summary>
public static class ContactColumns
{
    // payload, version, fields and merged_into are storage details: every listed row is live and has all three.
    static readonly ContactColumn[] Members =
    [
        new("id", ColumnKind.Integer, false),
        new("points", ColumnKind.Integer, false),
        new("owner_id", ColumnKind.Integer, false),
        new("stage", ColumnKind.Number, false),
        new("is_anonymous", ColumnKind.Boolean, false),
        new("date_added", ColumnKind.Timestamp, false),
        new("date_modified", ColumnKind.Timestamp, false),
        new("date_identified", ColumnKind.Timestamp, false),
        new("last_active", ColumnKind.Timestamp, false),
    ];

    /// <summary>Mautic's other names of the members: its entity's (owner, dateAdded...) and its column stage_id.</summary>
    static readonly (string Name, string Column)[] MemberNames =
    [
        ("owner", "owner_id"), ("stage_id", "stage"), ("isAnonymous", "is_anonymous"), ("dateAdded", "date_added"),
        ("dateModified", "date_modified"), ("dateIdentified", "date_identified"), ("lastActive", "last_active"),
    ];

    /// <summary>The field values the table holds in columns of their own, for their indexes.</summary>
    static readonly ContactColumn[] FieldColumns =
    [
        new("email", ColumnKind.Text, false),
        new("firstname", ColumnKind.Text, false),
        new("lastname", ColumnKind.Text, false),
        new("company", ColumnKind.Text, false),
        new("city", ColumnKind.Text, false),
        new("country", ColumnKind.Text, false),
    ];

    static readonly Dictionary<string, ContactColumn> MembersByName = Members.Select(c => (c.Name, Column: c))
        .Concat(MemberNames.Select(n => (n.Name, Column: Members.Single(c => c.Name == n.Column))))
        .ToDictionary(n => n.Name, n => n.Column, StringComparer.OrdinalIgnoreCase);

    static readonly Dictionary<string, ContactColumn> Table = Members.Concat(FieldColumns).ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    public static ContactColumn Id => Table["id"];
    public static ContactColumn OwnerId => Table["owner_id"];
    public static ContactColumn IsAnonymous => Table["is_anonymous"];
    public static ContactColumn LastActive => Table["last_active"];

    /// <summary>The member <paramref name="name"/> names, by its column or its member name, or null.</summary>
    public static ContactColumn? Member(string name) => MembersByName.GetValueOrDefault(name);

    /// <summary>The table column <paramref name="name"/>, a member by any of its names, or null.</summary>
    public static ContactColumn? Column(string name) => Member(name) ?? Table.GetValueOrDefault(name);

    /// <summary>
    /// A field alias as a column: its own table column when it has one (email, points, last_active...), else its
    /// value in the fields JSON, a number for a number field. Null when <paramref name="alias"/> is none of <paramref name="fields"/>.
    /// </summary>
    public static ContactColumn? Field(string alias, IEnumerable<FieldDefinition> fields) =>
        fields.FirstOrDefault(f => string.Equals(f.Alias, alias, StringComparison.OrdinalIgnoreCase)) is { } known
            ? Table.GetValueOrDefault(known.Alias) ?? new ContactColumn(known.Alias, known.Type == "number" ? ColumnKind.Number : ColumnKind.Text, InFields: true)
            {
                StoredForm = FieldValueRules.HasStoredForm(known) ? known : null,
            }
            : null;

    /// <summary>
    /// A member or a field alias, as where expressions and orderBy accept them: a field value only through a field of
    /// <paramref name="fields"/>, so a field left out of them is unknown here even where the table holds it in a column.
    /// </summary>
    public static ContactColumn? Resolve(string name, IEnumerable<FieldDefinition> fields) => Member(name) ?? Field(name, fields);
}
