using Actors.Grains.Storage.Contacts.Query;
using Actors.Interfaces.Fields;

namespace Actors.Api.Contacts.Export;

/// <summary>The export's columns (MAUTIC-SPEC 4.2): id, every published field alias in group order (core, social, personal, professional, then any other), and stage.</summary>
public sealed class ExportColumns
{
    private static readonly string[] GroupOrder = ["core", "social", "personal", "professional"];

    private readonly string[] _aliases;

    public ExportColumns(IReadOnlyList<FieldDefinition> fields)
    {
        _aliases = fields.Where(f => f.IsPublished)
            .Select((field, position) => (field, position))
            .OrderBy(f => Array.IndexOf(GroupOrder, f.field.Group) is var group and >= 0 ? group : GroupOrder.Length)
            .ThenBy(f => f.position)
            .Select(f => f.field.Alias)
            .ToArray();
        Names = ["id", .. _aliases, "stage"];
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The row of one contact, raw stored values, in <see cref="Names"/> order.</summary>
    public string?[] Values(ExportedContact contact)
    {
        var row = new string?[Names.Count];
        row[0] = contact.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < _aliases.Length; i++)
            row[i + 1] = _aliases[i] == "points" ? contact.Points.ToString(System.Globalization.CultureInfo.InvariantCulture) : contact.Fields.GetValueOrDefault(_aliases[i]);
        row[^1] = contact.Stage;
        return row;
    }
}
