using System.Globalization;
using System.Text.Json;
using Actors.Interfaces.Tags;
using Actors.Grains.Errors;

namespace Actors.Api.Contacts.Import;

/// <summary>
/// The form fields of an import upload besides the file: delimiter, enclosure, escape (one character each; an empty
/// enclosure switches to escaping), mapping (a JSON object {"CSV column": "field alias"}, or mapping[CSV column]=alias
/// fields), owner, segment, tags (comma separated, each at most 191 characters) and skipIfExists.
/// </summary>
public sealed record ImportSettings
{
    public char Delimiter { get; init; } = ',';
    public char Enclosure { get; init; } = '"';
    public char Escape { get; init; } = '"';
    public IReadOnlyDictionary<string, string>? Mapping { get; init; }
    public long? Owner { get; init; }
    public long? Segment { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public bool SkipIfExists { get; init; }

    /// <exception cref="FormatException">A setting has a value it cannot take; the message names it.</exception>
    public static ImportSettings Read(IReadOnlyDictionary<string, string> form)
    {
        var enclosure = Character(form, "enclosure", '"', allowEmpty: true);
        var mapping = form.Where(f => f.Key.StartsWith("mapping[", StringComparison.Ordinal) && f.Key.EndsWith(']'))
            .ToDictionary(f => f.Key["mapping[".Length..^1], f => f.Value, StringComparer.Ordinal);
        if (form.TryGetValue("mapping", out var json) && json.Length > 0)
        {
            const string Shape = "mapping must be a JSON object of CSV column names to field aliases, such as {\"E-mail\":\"email\"}.";
            try
            {
                using var document = JsonDocument.Parse(json);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw new FormatException(Shape);
                foreach (var column in document.RootElement.EnumerateObject())
                {
                    if (column.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                        throw new FormatException(Shape);
                    // One reader keeps the first of two equal names, another the last: naming a column twice has no meaning.
                    if (!mapping.TryAdd(column.Name, column.Value.GetString() ?? ""))
                        throw new FormatException($"mapping names the column {EchoedInput.Cap(column.Name)} more than once.");
                }
            }
            catch (Exception unreadable) when (unreadable is JsonException or InvalidOperationException)
            {
                // InvalidOperationException: a name or value holding a lone surrogate escape, which is no text.
                throw new FormatException(Shape);
            }
        }
        var delimiter = Character(form, "delimiter", ',', allowEmpty: false);
        var escape = Character(form, "escape", enclosure == '\0' ? '\\' : enclosure, allowEmpty: false);
        RefuseAmbiguous(delimiter, enclosure, escape);
        return new ImportSettings
        {
            Delimiter = delimiter,
            Enclosure = enclosure,
            Escape = escape,
            Mapping = mapping.Count > 0 ? mapping : null,
            Owner = Id(form, "owner"),
            Segment = Id(form, "segment"),
            Tags = TagNames(form),
            SkipIfExists = form.GetValueOrDefault("skipIfExists")?.ToLowerInvariant() switch
            {
                null or "" or "0" or "false" or "no" or "off" => false,
                "1" or "true" or "yes" or "on" => true,
                _ => throw new FormatException("skipIfExists must be true or false."),
            },
        };
    }

    private static char Character(IReadOnlyDictionary<string, string> form, string name, char absent, bool allowEmpty)
    {
        if (!form.TryGetValue(name, out var value))
            return absent;
        if (value.Length == 0 && allowEmpty)
            return '\0';
        if (value == "\\t")
            return '\t';
        if (value.Length != 1 || value[0] > 127 || value[0] is '\0' or '\r' or '\n')
            throw new FormatException($"{name} must be one ASCII character other than NUL, CR and LF.");
        return value[0];
    }

    private static string[] TagNames(IReadOnlyDictionary<string, string> form)
    {
        var tags = form.GetValueOrDefault("tags")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (tags.Where(tag => !tag.StartsWith('-')).Select(Tag.NameProblem).FirstOrDefault(problem => problem is not null) is { } badTag)
            throw new FormatException($"tags: {badTag}");
        return tags;
    }

    /// <summary>
    /// The combinations under which the reader (<see cref="Actors.Grains.Imports.ImportCsvReader"/>: with an enclosure,
    /// fgetcsv's rules, without one the escape protects the next character) could not tell the characters apart,
    /// refused before the file is read so that the message names the settings.
    /// </summary>
    private static void RefuseAmbiguous(char delimiter, char enclosure, char escape)
    {
        // The reader skips spaces and tabs before an enclosure, as fgetcsv does, and cells are trimmed, so neither can
        // open an enclosed field or escape.
        if (enclosure is ' ' or '\t')
            throw new FormatException("enclosure cannot be a space or a tab.");
        if (enclosure == '\0' && escape is ' ' or '\t')
            throw new FormatException("escape cannot be a space or a tab.");
        if (enclosure != '\0' && delimiter == enclosure)
            throw new FormatException("delimiter and enclosure must differ.");
        if (enclosure == '\0' && delimiter == escape)
            throw new FormatException("delimiter and escape must differ when there is no enclosure.");
    }

    private static long? Id(IReadOnlyDictionary<string, string> form, string name) =>
        form.GetValueOrDefault(name) is not { Length: > 0 } text ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id
        : throw new FormatException($"{name} must be an id.");
}
