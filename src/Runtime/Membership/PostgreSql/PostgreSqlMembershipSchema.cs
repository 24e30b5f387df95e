using Actors.Runtime.Persistence.Migrations;

namespace Actors.Runtime.Membership.PostgreSql;

/// <summary>
/// The membership tables, after Orleans's ADO.NET clustering schema (PostgreSQL-Clustering.sql): a version row per
/// cluster, which every versioned write bumps, and one row per silo keyed by cluster, address, port and generation.
/// Orleans keeps no per-row ETag; the contract here refuses a write based on a stale row even when the table
/// version is current, so each row keeps the table version of its last versioned write (<c>etag</c>).
/// </summary>
public static class PostgreSqlMembershipSchema
{
    public const string Component = "membership";

    public static readonly SchemaMigration Tables = new(Component, 1, """
        CREATE TABLE membership_version (
            cluster_id  text        NOT NULL PRIMARY KEY,
            version     integer     NOT NULL DEFAULT 0,
            modified_on timestamptz NOT NULL
        );
        CREATE TABLE membership (
            cluster_id      text        NOT NULL REFERENCES membership_version (cluster_id) ON DELETE CASCADE,
            address         text        NOT NULL,
            port            integer     NOT NULL,
            generation      integer     NOT NULL,
            silo_name       text        NOT NULL,
            host_name       text        NOT NULL,
            status          integer     NOT NULL,
            suspect_times   text        NOT NULL,
            start_time      timestamptz NOT NULL,
            i_am_alive_time timestamptz NOT NULL,
            etag            integer     NOT NULL,
            PRIMARY KEY (cluster_id, address, port, generation)
        );
        """);
}
