namespace Actors.Runtime;

/// <summary>
/// The identity of a grain: its type name and its string key. The text form is "{type}/{key}",
/// as in Orleans, and it is what storage, placement and logs use.
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";

    /// <summary>Parses the "{type}/{key}" text form; the key may itself contain slashes.</summary>
    public static GrainId Parse(string text)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0)
            throw new FormatException($"'{text}' is not a grain id of the form type/key.");
        return new GrainId(text[..slash], text[(slash + 1)..]);
    }
}
