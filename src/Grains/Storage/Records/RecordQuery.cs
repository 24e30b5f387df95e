namespace Actors.Grains.Storage.Records;

/// <summary>
/// A page of a record table: rows in which each of <see cref="Search"/> appears (case-insensitive) in one of the text
/// columns <see cref="SearchColumns"/>, whose columns equal <see cref="Equal"/>, in <see cref="OrderBy"/> order (the id breaks ties).
/// Column names must be the table's; values only ever travel as parameters.
/// </summary>
public sealed record RecordQuery
{
    public IReadOnlyList<string> Search { get; init; } = [];

    public IReadOnlyList<string> SearchColumns { get; init; } = [];

    public IReadOnlyDictionary<string, object> Equal { get; init; } = new Dictionary<string, object>();

    public string OrderBy { get; init; } = "id";

    public bool Descending { get; init; }

    public long Start { get; init; }

    /// <summary>Rows per page; 0 means no limit, as in Mautic.</summary>
    public long Limit { get; init; }
}

/// <summary>A listed record as stored: its id and its grain's payload.</summary>
public sealed record StoredRecord(long Id, byte[] Payload);

public sealed record RecordPage(IReadOnlyList<StoredRecord> Records, long Total);
