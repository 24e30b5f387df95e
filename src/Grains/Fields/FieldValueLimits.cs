using System.Text;
using Actors.Interfaces.Fields;

namespace Actors.Grains.Fields;

/// <summary>
/// The longest value a contact field takes, in characters: Unicode code points, as MySQL counts a Mautic column, so an
/// emoji (two UTF-16 units) is one. A textarea is a TEXT column in Mautic and takes <see cref="MaxTextareaLength"/>;
/// every other type is a VARCHAR and takes <see cref="MaxLength"/>. A unique identifier's values are keys of the
/// identifier index (grain keys, a btree's key in PostgreSQL, which holds about 2.7 KB), so a textarea made unique
/// before the API refused that keeps the ordinary limit.
/// </summary>
public readonly record struct FieldValueLimits(int MaxLength, int MaxTextareaLength)
{
    public int For(FieldDefinition field) => field.Type == "textarea" && !field.IsUniqueIdentifier ? MaxTextareaLength : MaxLength;

    /// <summary>Whether <paramref name="value"/> holds more than <paramref name="max"/> characters (code points).</summary>
    public static bool Exceeds(string value, int max) => value.Length > max && Characters(value) > max;

    /// <summary>The first <paramref name="max"/> characters (code points) of <paramref name="value"/>, never half of a surrogate pair.</summary>
    public static string Truncate(string value, int max)
    {
        if (!Exceeds(value, max))
            return value;
        var end = 0;
        foreach (var rune in value.EnumerateRunes().Take(max))
            end += rune.Utf16SequenceLength;
        return value[..end];
    }

    private static int Characters(string value)
    {
        var count = 0;
        foreach (Rune _ in value.EnumerateRunes())
            count++;
        return count;
    }
}
