namespace Actors.Interfaces.Contacts;

/// <summary>
/// A change made on purpose to a contact (API edit, import row, manual action), as opposed to a
/// tracked hit: here a blank field value clears the field.
/// </summary>
public sealed record ContactEdit
{
    public required DateTimeOffset At { get; init; }
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();
    public int PointsDelta { get; init; }
    public IReadOnlyList<string> AddTags { get; init; } = [];
    public IReadOnlyList<string> RemoveTags { get; init; } = [];
    public IReadOnlyList<DoNotContact> DoNotContact { get; init; } = [];
    public IReadOnlyList<long> JoinSegments { get; init; } = [];
    public long? OwnerId { get; init; }
    public string? Stage { get; init; }
}
