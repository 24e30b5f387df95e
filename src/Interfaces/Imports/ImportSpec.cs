using Actors.Interfaces.Devices;
using Actors.Interfaces.Fields;
using Actors.Interfaces.Users;

namespace Actors.Interfaces.Imports;

/// <summary>
/// What an import was asked to do, fixed when the file is accepted: how to parse it, which column feeds which field,
/// and the defaults every row gets. The file itself is in the import file store under the import's id.
/// </summary>
public sealed record ImportSpec
{
    public required string FileName { get; init; }
    public required long FileBytes { get; init; }

    /// <summary>
    /// Rows of the file after the header, the denominator of the progress (Mautic's line_count): records as the job
    /// reads them, a quoted value spanning lines being one, blank rows left out. Imports an older build accepted hold
    /// the file's physical lines.
    /// </summary>
    public required long LineCount { get; init; }

    /// <summary>Where the first data row starts, in bytes: the header (and a UTF-8 byte order mark) come before it.</summary>
    public required long DataOffset { get; init; }

    /// <summary>The file line the first data row starts on.</summary>
    public required long DataLine { get; init; }

    public char Delimiter { get; init; } = ',';
    public char Enclosure { get; init; } = '"';
    public char Escape { get; init; } = '"';

    /// <summary>The file's header cells, in order.</summary>
    public required IReadOnlyList<string> Headers { get; init; }

    /// <summary>For each header cell (same position), the field alias or special (<see cref="ImportColumns"/>) it feeds, or null to skip it.</summary>
    public required IReadOnlyList<string?> Targets { get; init; }

    /// <summary>
    /// The fields <see cref="Targets"/> name, as the catalog held them when the file was accepted: the import writes to
    /// these fields, by their ids, and a field deleted (or deleted and made again with its alias) while it runs ends it.
    /// Null only in an import accepted before mappings were bound; its next batch binds them to the catalog it reads.
    /// </summary>
    public IReadOnlyList<FieldDefinition>? MappedFields { get; init; }

    public long? DefaultOwnerId { get; init; }
    public long? DefaultSegmentId { get; init; }
    public IReadOnlyList<string> DefaultTags { get; init; } = [];

    /// <summary>Mautic's skip_if_exists: a value the contact already holds is never overwritten.</summary>
    public bool SkipIfExists { get; init; }

    /// <summary>The longest value, in characters, a field other than a textarea takes (the API's Contacts:MaxFieldLength); a longer one ignores the row.</summary>
    public int MaxFieldLength { get; init; } = 255;

    /// <summary>The longest value, in characters, a textarea field takes (the API's Contacts:MaxTextareaLength); a longer one ignores the row.</summary>
    public int MaxTextareaLength { get; init; } = 65535;

    public UniqueIdentifiersOperator IdentifiersOperator { get; init; } = UniqueIdentifiersOperator.Or;
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// The user who started the import: its rows are written as that user's (the contacts' createdBy and modifiedBy), as
    /// Mautic's import command runs as the import's user. Null in an import an older build accepted.
    /// </summary>
    public ActingUser? CreatedBy { get; init; }
}
