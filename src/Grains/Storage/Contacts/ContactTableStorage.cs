using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Actors.Grains.Storage.Sql;
using Actors.Runtime;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Persistence;
using Actors.Runtime.Persistence.AdoNet;

namespace Actors.Grains.Storage.Contacts;

/// <summary>
/// Grain storage that keeps each contact's state as one row of the contacts table: the serialized state and its
/// version, as the runtime's grain_state holds them, plus query columns from <see cref="IContactRowProjection"/>,
/// written by the same statement so a reader never sees a row whose columns and payload disagree.
/// The compare-and-set is the runtime's (<see cref="GrainStorage"/>): a write without ETag only creates the row, a
/// write with one only replaces that exact version, a clear keeps the row (payload and columns null) so its version
/// keeps counting, and a mismatch stores nothing and throws <see cref="InconsistentStateException"/>.
/// <see cref="GrainStorage"/> itself does not fit: its providers see only the payload bytes, and the projection
/// needs the state object. The row is keyed by the contact id alone (the grain key, in canonical decimal form):
/// a contact grain keeps one state here.
/// </summary>
public sealed class ContactTableStorage(SqlStore store, IContactRowProjection projection) : IGrainStorage
{
    /// <summary>The keyed-service name of this provider: [PersistentState("contact", ContactTableStorage.StorageName)].</summary>
    public const string StorageName = "contacts";

    const string ProviderName = "ContactTable";

    static readonly string[] Columns =
    [
        "email", "firstname", "lastname", "company", "city", "country", "points", "owner_id", "stage",
        "is_anonymous", "merged_into", "date_added", "date_modified", "date_identified", "last_active", "fields",
    ];

    static readonly string InsertSql = $"""
        INSERT INTO contacts (id, version, payload, {string.Join(", ", Columns)})
        VALUES (@id, 1, @payload, {string.Join(", ", Columns.Select(c => "@" + c))})
        ON CONFLICT DO NOTHING RETURNING version
        """;

    static readonly string UpdateSql = $"""
        UPDATE contacts SET version = version + 1, payload = @payload, {string.Join(", ", Columns.Select(c => $"{c} = @{c}"))}
        WHERE id = @id AND version = @version RETURNING version
        """;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
        where T : new()
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await using var connection = await store.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT payload, version FROM contacts WHERE id = @id";
            command.AddParameter("@id", ContactId(grainId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var found = await reader.ReadAsync(cancellationToken);
            var payload = found && !await reader.IsDBNullAsync(0, cancellationToken) ? reader.GetFieldValue<byte[]>(0) : null;
            grainState.State = payload is null ? new T() : GrainStateSerializer.Deserialize<T>(payload);
            grainState.ETag = found ? VersionETag.Format(reader.GetInt32(1)) : null;
            grainState.RecordExists = payload is not null;
        }
        finally
        {
            RuntimeInstruments.RecordStorageOperation(ProviderName, "read", start);
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
        where T : new() =>
        StoreAsync(grainId, grainState, GrainStateSerializer.Serialize(grainState.State), projection.Project(grainState.State!), "write", cancellationToken);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
        where T : new()
    {
        await StoreAsync(grainId, grainState, payload: null, row: null, "clear", cancellationToken);
        grainState.State = new T();
    }

    async Task StoreAsync<T>(GrainId grainId, IGrainState<T> grainState, byte[]? payload, ContactRow? row, string operation,
        CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var id = ContactId(grainId);
            if (!VersionETag.TryParse(grainState.ETag, out var expectedVersion))
                throw VersionETag.Conflict($"contact {grainId}", grainState.ETag, operation);
            var statement = new WriteStatement(expectedVersion is null ? InsertSql : UpdateSql).With("@id", id).With("@payload", payload);
            if (expectedVersion is not null)
                statement.With("@version", expectedVersion.Value);
            BindColumns(statement, row);
            var stored = await store.CommitAsync(statement);
            var version = stored is null ? throw VersionETag.Conflict($"contact {grainId}", grainState.ETag, operation) : Convert.ToInt32(stored, CultureInfo.InvariantCulture);
            grainState.ETag = VersionETag.Format(version);
            grainState.RecordExists = payload is not null;
        }
        finally
        {
            RuntimeInstruments.RecordStorageOperation(ProviderName, operation, start);
        }
    }

    void BindColumns(WriteStatement statement, ContactRow? row)
    {
        object?[] values =
        [
            Text(row?.Email), Text(row?.FirstName), Text(row?.LastName), Text(row?.Company), Text(row?.City), Text(row?.Country),
            row?.Points, row?.OwnerId, Text(row?.Stage), row?.IsAnonymous, row?.MergedInto, Timestamp(row?.DateAdded),
            Timestamp(row?.DateModified), Timestamp(row?.DateIdentified), Timestamp(row?.LastActive), Text(row?.FieldsJson),
        ];
        for (var i = 0; i < Columns.Length; i++)
            statement.With("@" + Columns[i], values[i]);
    }

    // PostgreSQL text cannot hold NUL, and a value from a tracking hit may carry one; the query columns drop it,
    // the payload keeps the value exactly, so a search misses nothing a grain would see.
    static string? Text(string? value) => value?.Replace("\0", "", StringComparison.Ordinal);

    object? Timestamp(DateTimeOffset? value) => value is { } time ? store.ToDbTimestamp(time) : null;

    /// <summary>The contact id a grain key names; "007" is refused rather than stored as contact 7.</summary>
    static long ContactId(GrainId grainId) =>
        long.TryParse(grainId.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
        && id.ToString(CultureInfo.InvariantCulture) == grainId.Key
            ? id
            : throw new ArgumentException(
                $"The contacts table keys rows by contact id, so the grain key of {grainId} must be a contact id in decimal digits.",
                nameof(grainId));
}
