using Actors.Runtime.Persistence.Migrations;
using Actors.Runtime.Persistence.Sqlite;

namespace Actors.Grains.Storage.Contacts;

/// <summary>
/// The contacts table of each dialect: the grain's payload and version (as in grain_state), then the projected query
/// columns, all nullable because a cleared row keeps only its version. Email is indexed lower-cased because
/// identifier matching is case-insensitive; the other indexes serve the list's orderings and the merge redirects.
/// Field values are JSON text in both dialects, stored verbatim; PostgreSQL queries cast them (fields::jsonb).
/// </summary>
public static class ContactTableSchema
{
    public const string Component = "contacts";

    const string Indexes = """
        CREATE INDEX contacts_email ON contacts (lower(email));
        CREATE INDEX contacts_last_active ON contacts (last_active);
        CREATE INDEX contacts_date_added ON contacts (date_added);
        CREATE INDEX contacts_merged_into ON contacts (merged_into);
        """;

    /// <summary>INTEGER PRIMARY KEY makes the contact id SQLite's rowid: the row is found without a second index.</summary>
    public static readonly SchemaMigration Sqlite = new(Component, 1, $"""
        CREATE TABLE contacts (
            id              INTEGER PRIMARY KEY,
            version         INTEGER NOT NULL,
            payload         BLOB    NULL,
            email           TEXT    NULL,
            firstname       TEXT    NULL,
            lastname        TEXT    NULL,
            company         TEXT    NULL,
            city            TEXT    NULL,
            country         TEXT    NULL,
            points          INTEGER NULL,
            owner_id        INTEGER NULL,
            stage           TEXT    NULL,
            is_anonymous    INTEGER NULL,
            merged_into     INTEGER NULL,
            date_added      TEXT    NULL,
            date_modified   TEXT    NULL,
            date_identified TEXT    NULL,
            last_active     TEXT    NULL,
            fields          TEXT    NULL
        );
        {Indexes}
        """);

    public static readonly SchemaMigration PostgreSql = new(Component, 1, $"""
        CREATE TABLE contacts (
            id              bigint      PRIMARY KEY,
            version         integer     NOT NULL,
            payload         bytea       NULL,
            email           text        NULL,
            firstname       text        NULL,
            lastname        text        NULL,
            company         text        NULL,
            city            text        NULL,
            country         text        NULL,
            points          integer     NULL,
            owner_id        bigint      NULL,
            stage           text        NULL,
            is_anonymous    boolean     NULL,
            merged_into     bigint      NULL,
            date_added      timestamptz NULL,
            date_modified   timestamptz NULL,
            date_identified timestamptz NULL,
            last_active     timestamptz NULL,
            fields          text        NULL
        );
        {Indexes}
        """);

    /// <summary>
    /// Prefix searches (<c>email:jim</c> is <c>lower(email) LIKE 'jim%'</c>) can use a btree under a non-C collation
    /// only through the pattern operator class; without it every search scans the whole table.
    /// </summary>
    public static readonly SchemaMigration PostgreSqlEmailPrefix = new(Component, 2,
        "CREATE INDEX contacts_email_prefix ON contacts (lower(email) text_pattern_ops);");

    /// <summary>
    /// Owned contacts, for <c>owner:</c> and the start-up check for owners no user has any more: partial, so the anonymous
    /// visitors that make up most of the table cost it nothing. Version 3 in both dialects (2 is PostgreSQL's alone).
    /// </summary>
    public static readonly SchemaMigration OwnerIndex = new(Component, 3,
        "CREATE INDEX contacts_owner ON contacts (owner_id) WHERE owner_id IS NOT NULL;");

    /// <summary>
    /// SQLite's email index on the lower case of every letter (<see cref="SqliteDatabase.LowerFunction"/>), which its
    /// email comparisons use so that "Ü@x.test" finds "ü@X.test" as PostgreSQL's lower() does; lower() folds ASCII only.
    /// </summary>
    public static readonly SchemaMigration SqliteUnicodeEmail = new(Component, 4, $"""
        DROP INDEX contacts_email;
        CREATE INDEX contacts_email ON contacts ({SqliteDatabase.LowerFunction}(email));
        """);

    /// <summary>
    /// The loser of the merge a contact recorded and has not finished (<see cref="ContactRow.PendingMerge"/>), so the
    /// start-up sweep finds those winners through a partial index that the contacts without one cost nothing. Rows an
    /// older build stored with an unfinished merge are filled in from their payload once: the byte search keeps the
    /// JSON parse to those few rows, though it reads every payload, once.
    /// </summary>
    public static readonly SchemaMigration SqlitePendingMerge = new(Component, 5, """
        ALTER TABLE contacts ADD COLUMN pending_merge INTEGER NULL;
        UPDATE contacts SET pending_merge = json_extract(CAST(payload AS TEXT), '$.pendingMerge.loserId')
            WHERE instr(payload, CAST('"pendingMerge":{' AS BLOB)) > 0;
        CREATE INDEX contacts_pending_merge ON contacts (pending_merge) WHERE pending_merge IS NOT NULL;
        """);

    /// <inheritdoc cref="SqlitePendingMerge"/>
    public static readonly SchemaMigration PostgreSqlPendingMerge = new(Component, 5, """
        ALTER TABLE contacts ADD COLUMN pending_merge bigint NULL;
        UPDATE contacts SET pending_merge = (convert_from(payload, 'UTF8')::jsonb #>> '{pendingMerge,loserId}')::bigint
            WHERE position(convert_to('"pendingMerge":{', 'UTF8') IN payload) > 0;
        CREATE INDEX contacts_pending_merge ON contacts (pending_merge) WHERE pending_merge IS NOT NULL;
        """);
}
