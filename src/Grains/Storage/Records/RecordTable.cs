using Actors.Runtime.Persistence.Migrations;

namespace Actors.Grains.Storage.Records;

/// <summary>The kinds of query column a record table holds; each dialect maps them to its own types.</summary>
public enum RecordColumnType
{
    Text,
    Integer,
    Timestamp,
}

public sealed record RecordColumn(string Name, RecordColumnType Type, bool Indexed = false);

/// <summary>
/// A table of grain records that are listed and searched, such as companies and notes: each row holds a grain's
/// serialized state and version (as grain_state does) plus query columns projected from the state on every write,
/// as the contacts table does. <see cref="Project"/> maps a state to the column values, in <see cref="Columns"/>'
/// order; strings, whole numbers and times are the values it may answer, and null.
/// </summary>
public sealed class RecordTable(string name, IReadOnlyList<RecordColumn> columns, Func<object, object?[]> project)
{
    public string Name { get; } = name;

    public IReadOnlyList<RecordColumn> Columns { get; } = columns;

    public object?[] Project(object state) => project(state);

    public bool HasColumn(string column) => column == "id" || Columns.Any(c => c.Name == column);

    public SchemaMigration SqliteSchema => Schema("INTEGER PRIMARY KEY", "INTEGER", "BLOB", type => type switch
    {
        RecordColumnType.Integer => "INTEGER",
        _ => "TEXT",
    });

    public SchemaMigration PostgreSqlSchema => Schema("bigint PRIMARY KEY", "integer", "bytea", type => type switch
    {
        RecordColumnType.Integer => "bigint",
        RecordColumnType.Timestamp => "timestamptz",
        _ => "text",
    });

    /// <summary>Query columns are nullable: a cleared row keeps only its version, so the version keeps counting.</summary>
    SchemaMigration Schema(string id, string version, string payload, Func<RecordColumnType, string> type)
    {
        var definitions = string.Join(",\n", Columns.Select(c => $"    {c.Name} {type(c.Type)} NULL"));
        // Plain column indexes: they serve the lists' orderings and equality filters (a note's contact).
        var indexes = string.Join("\n", Columns.Where(c => c.Indexed).Select(c => $"CREATE INDEX {Name}_{c.Name} ON {Name} ({c.Name});"));
        return new SchemaMigration(Name, 1, $"""
            CREATE TABLE {Name} (
                id      {id},
                version {version} NOT NULL,
                payload {payload} NULL,
            {definitions}
            );
            {indexes}
            """);
    }
}
