using System.Globalization;
using Actors.Interfaces.Fields;
using Actors.Interfaces.Imports;

namespace Actors.Grains.Imports;

/// <summary>
/// An import's mapping held to the fields it named when the file was accepted, by id rather than alias. A field delete
/// marks the field, sweeps its values and removes it (FieldDelete), and a field made again with the alias is a new id:
/// reading columns by alias alone would drop the deleted field's column from the rows after the delete without a word,
/// and then write the old file's values into the new field. Comparing ids tells the import that its field went.
/// </summary>
public static class ImportFieldBinding
{
    /// <summary>The fields of <paramref name="catalog"/> that <paramref name="targets"/> name (special targets are no fields).</summary>
    public static IReadOnlyList<FieldDefinition> Bind(IReadOnlyList<string?> targets, IReadOnlyList<FieldDefinition> catalog) =>
        catalog.Where(f => targets.Any(t => t is not null && ImportColumns.Find(t) is null && string.Equals(t, f.Alias, StringComparison.OrdinalIgnoreCase)))
            .ToArray();

    /// <summary>The bound fields <paramref name="catalog"/> (a read answering no field being deleted) no longer has.</summary>
    public static IReadOnlyList<FieldDefinition> Missing(IReadOnlyList<FieldDefinition> bound, IReadOnlyList<FieldDefinition> catalog) =>
        bound.Where(f => !catalog.Any(c => c.Id == f.Id)).ToArray();

    /// <summary>
    /// The catalog with the bound fields as they were accepted in place of whatever holds their aliases now: what the
    /// rows were read against before a bound field went, so that they name the same contacts again.
    /// </summary>
    public static IReadOnlyList<FieldDefinition> AsAccepted(IReadOnlyList<FieldDefinition> bound, IReadOnlyList<FieldDefinition> catalog) =>
        catalog.Where(f => !bound.Any(b => string.Equals(b.Alias, f.Alias, StringComparison.OrdinalIgnoreCase))).Concat(bound).ToArray();

    /// <summary>Why the import failed: the fields that went, and the lines imported (inserted or updated) before.</summary>
    public static string DeletedReason(IReadOnlyList<FieldDefinition> deleted, long imported)
    {
        var names = string.Join(", ", deleted.Select(f => $"'{f.Alias}'"));
        var (subject, them) = deleted.Count == 1 ? ($"The field {names} was", "it") : ($"The fields {names} were", "them");
        var lines = imported == 1 ? "1 line was" : string.Create(CultureInfo.InvariantCulture, $"{imported} lines were");
        return $"{subject} deleted while the import ran; {lines} imported before {them}.";
    }
}
