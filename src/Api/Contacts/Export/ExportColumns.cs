using System.Globalization;
using Actors.Interfaces.Fields;

namespace Actors.Api.Contacts.Export;

/// <summary>The export's columns (MAUTIC-SPEC 4.2): id, every published field alias in group order (core, social, personal, professional, then any other), and stage.</summary>
public sealed class ExportColumns
{
    private static readonly string[] GroupOrder = ["core", "social", "personal", "professional"];

    private readonly Dictionary<string, int> _fieldSlots;
    private readonly bool[] _numberSlots;

    public ExportColumns(IReadOnlyList<FieldDefinition> fields)
    {
        var published = fields.Where(f => f.IsPublished)
            .Select((field, position) => (field, position))
            .OrderBy(f => Array.IndexOf(GroupOrder, f.field.Group) is var group and >= 0 ? group : GroupOrder.Length)
            .ThenBy(f => f.position)
            .Select(f => f.field)
            .ToArray();
        var aliases = published.Select(f => f.Alias).ToArray();
        Names = ["id", .. aliases, "stage"];
        _numberSlots = published.Select(f => f.Type == "number").ToArray();
        _fieldSlots = aliases.Select((alias, slot) => (alias, slot)).ToDictionary(a => a.alias, a => a.slot, StringComparer.Ordinal);
        FieldCount = aliases.Length;
        PointsSlot = _fieldSlots.GetValueOrDefault("points", -1);
        LastActiveSlot = _fieldSlots.GetValueOrDefault("last_active", -1);
        SlotLookup = _fieldSlots.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>How many field columns sit between id and stage.</summary>
    public int FieldCount { get; }

    /// <summary>The field column that shows the contact's points rather than a stored value; -1 when points is not published.</summary>
    public int PointsSlot { get; }

    /// <summary>The field column that shows the contact's last activity (the row's last_active); -1 when not published.</summary>
    public int LastActiveSlot { get; }

    /// <summary>Whether the field column is a number field's.</summary>
    public bool IsNumber(int slot) => _numberSlots[slot];

    /// <summary>Field column by alias, looked up without making a string of the alias.</summary>
    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> SlotLookup { get; }

    /// <summary>Formats a number the way every export column shows one.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
