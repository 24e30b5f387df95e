namespace Actors.Runtime.Persistence.Migrations;

/// <summary>
/// One versioned schema change of one component (grain storage, contacts, events...). Components share
/// a database but number their migrations independently; each (component, version) runs once.
/// A released migration's SQL never changes (databases that ran it would silently differ from new
/// ones), so each dialect keeps its own literal scripts and a change is always a new version.
/// </summary>
public sealed record SchemaMigration(string Component, int Version, string Sql);

/// <summary>The SQL dialects a migration can be written for; it is the DI key under which migrations are registered.</summary>
public enum SqlDialect
{
    Sqlite,
    PostgreSql,
}
