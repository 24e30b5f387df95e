using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Grains.Fields;

/// <summary>
/// A number field's properties.scale, the decimals Mautic's form shows its values with: a whole number from 0 to
/// <see cref="Max"/>, as a JSON number or its text, as Mautic's field form posts it.
/// </summary>
public static class NumberScale
{
    /// <summary>The most decimals: a value is a double, whose 15 significant digits leave no more to show.</summary>
    public const int Max = 15;

    /// <summary>Why a number field's properties.scale is no scale, or null (also for a field of another type or without one).</summary>
    public static string? Unusable(string type, JsonObject properties)
    {
        if (type != "number" || properties["scale"] is not { } scale)
            return null;
        var text = scale is JsonValue value && value.GetValueKind() is JsonValueKind.Number or JsonValueKind.String
            ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>().Trim() : value.ToJsonString()
            : null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var decimals) && decimals <= Max
            ? null
            : $"properties.scale must be a whole number from 0 to {Max}.";
    }
}
