using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Actors.Grains.Imports;
using Actors.Grains.Storage.Contacts.Query;
using CsvHelper;

namespace Actors.Api.Contacts.Export;

/// <summary>
/// One contact laid out in the export's columns, reused from contact to contact. The stored field JSON is read in one
/// pass and each value kept as the UTF-8 bytes the CSV writer takes as they are: an export of a million contacts made
/// a dictionary and a string per value of each, which was most of its garbage and a large share of its time. The stage
/// column shows the stage's name (MAUTIC-SPEC 4.2), which <paramref name="stageName"/> gives for the stored stage id.
/// </summary>
public sealed class ExportRow(ExportColumns columns, Func<string, string> stageName, bool guardFormulas = false)
{
    /// <summary>Longest alias looked up without a string; a longer one (no catalog field has one) takes the slow path.</summary>
    private const int MaxStackAlias = 128;

    /// <summary>Room for any number in its stored form (-1.2345678901234567E-308 is the longest).</summary>
    private const int MaxNumberText = 32;

    private readonly (int Start, int Length)[] _fields = new (int, int)[columns.FieldCount];
    private byte[] _json = new byte[1024];
    private byte[] _values = new byte[1024];
    private byte[] _guarded = new byte[1024];
    private ExportedContact _contact = new(0, null, 0, null, null);

    // Few stages, many contacts: each name is looked up and encoded once.
    private readonly Dictionary<string, byte[]> _stageNames = new(StringComparer.Ordinal);

    /// <summary>Lays <paramref name="contact"/> out in the columns; the previous contact's values are gone.</summary>
    public void Load(ExportedContact contact)
    {
        _contact = contact;
        Array.Clear(_fields);
        if (string.IsNullOrEmpty(contact.FieldsJson))
            return;
        // Sized for the worst case so the text is encoded in one pass, without counting its bytes first.
        var most = Encoding.UTF8.GetMaxByteCount(contact.FieldsJson.Length);
        if (_json.Length < most)
            (_json, _values) = (new byte[most], new byte[most]);
        var length = Encoding.UTF8.GetBytes(contact.FieldsJson, _json);
        ReadFields(_json.AsSpan(0, length));
    }

    private void ReadFields(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"Contact {_contact.Id}: its stored field values are not a JSON object.");
        var written = 0;
        Span<char> alias = stackalloc char[MaxStackAlias];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var slot = Slot(ref reader, alias);
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    reader.Skip();
                    break;
                case JsonTokenType.String when slot >= 0:
                    var copied = reader.CopyString(_values.AsSpan(written));
                    _fields[slot] = (written, copied);
                    written += copied;
                    break;
                case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False when slot >= 0:
                    reader.ValueSpan.CopyTo(_values.AsSpan(written));
                    _fields[slot] = (written, reader.ValueSpan.Length);
                    written += reader.ValueSpan.Length;
                    break;
                case JsonTokenType.Null when slot >= 0:
                    _fields[slot] = default;
                    break;
            }
        }
    }

    private int Slot(ref Utf8JsonReader reader, scoped Span<char> alias)
    {
        if (reader.ValueSpan.Length > MaxStackAlias)
            return columns.SlotLookup.TryGetValue(reader.GetString()!, out var named) ? named : -1;
        var length = reader.CopyString(alias);
        return columns.SlotLookup.TryGetValue(alias[..length], out var slot) ? slot : -1;
    }

    /// <summary>Writes the loaded contact as one CSV record.</summary>
    public void WriteCsv(CsvWriter csv)
    {
        Span<byte> number = stackalloc byte[MaxNumberText];
        csv.WriteField(Format(_contact.Id, number));
        for (var slot = 0; slot < _fields.Length; slot++)
        {
            if (slot == columns.PointsSlot)
                csv.WriteField(Format(_contact.Points, number));
            else if (slot == columns.LastActiveSlot)
                csv.WriteField(LastActive());
            else
                csv.WriteField(Guarded(Shown(slot, number)));
        }
        // Stage names come from imports too, so they are guarded like field values.
        csv.WriteField(Guarded(StageName()));
    }

    /// <summary>The loaded contact's values in <see cref="ExportColumns.Names"/> order, as strings.</summary>
    public string?[] ToStrings()
    {
        Span<byte> number = stackalloc byte[MaxNumberText];
        var row = new string?[_fields.Length + 2];
        row[0] = ExportColumns.Number(_contact.Id);
        for (var slot = 0; slot < _fields.Length; slot++)
            row[slot + 1] = slot == columns.PointsSlot ? ExportColumns.Number(_contact.Points)
                : slot == columns.LastActiveSlot ? LastActive()
                : Shown(slot, number) is { Length: > 0 } shown ? Encoding.UTF8.GetString(shown) : null;
        row[^1] = _contact.Stage is null ? null : Encoding.UTF8.GetString(StageName());
        return row;
    }

    private ReadOnlySpan<byte> StageName()
    {
        if (_contact.Stage is not { } stored)
            return [];
        if (!_stageNames.TryGetValue(stored, out var name))
            _stageNames[stored] = name = Encoding.UTF8.GetBytes(stageName(stored));
        return name;
    }

    /// <summary>The contact's last activity as a datetime field shows it, as the contact's JSON does (ContactJson).</summary>
    private string? LastActive() => _contact.LastActive is { } active ? ImportValues.DateTimeText(active) : null;

    /// <summary>The value as the CSV holds it: after an apostrophe when a spreadsheet would read it as a formula.</summary>
    private ReadOnlySpan<byte> Guarded(ReadOnlySpan<byte> value)
    {
        if (!guardFormulas || !CsvFormulaGuard.NeedsGuard(value))
            return value;
        if (_guarded.Length < value.Length + 1)
            _guarded = new byte[Math.Max(value.Length + 1, _guarded.Length * 2)];
        _guarded[0] = CsvFormulaGuard.Apostrophe;
        value.CopyTo(_guarded.AsSpan(1));
        return _guarded.AsSpan(0, value.Length + 1);
    }

    private ReadOnlySpan<byte> Value(int slot) => _values.AsSpan(_fields[slot].Start, _fields[slot].Length);

    /// <summary>
    /// The value as the contact's JSON shows it: a number field's in its stored form also where an older build stored
    /// another spelling ("1.0", "01"), and none for a non-finite one; other text as stored.
    /// </summary>
    private ReadOnlySpan<byte> Shown(int slot, Span<byte> scratch)
    {
        var value = Value(slot);
        if (!columns.IsNumber(slot) || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return value;
        if (!double.IsFinite(number))
            return [];
        return ImportValues.TryWriteNumber(number, scratch, out var written) ? scratch[..written] : value;
    }

    private static ReadOnlySpan<byte> Format(long value, Span<byte> destination) =>
        Utf8Formatter.TryFormat(value, destination, out var written) ? destination[..written] : throw new InvalidOperationException("A long fits in 20 bytes.");
}
