using Actors.Grains.Fields;

namespace Actors.Grains.Errors;

/// <summary>
/// How an error repeats the input it refuses (an unknown name, a value that is no number): whole up to
/// <see cref="MaxLength"/> characters, else its first <see cref="MaxLength"/> and an ellipsis, so that a request naming
/// an unknown field with a 1 MiB name gets a short answer rather than one twice its size. An error listing names lists
/// at most <see cref="MaxNames"/> of them and counts the rest, so that a body of 50,000 short unknown names gets a
/// short answer too.
/// </summary>
public static class EchoedInput
{
    /// <summary>The most characters (code points) of refused input an error repeats: 64, enough to recognise a name by.</summary>
    public const int MaxLength = 64;

    /// <summary>The most names an error lists: 10, enough to show what is wrong; the rest are counted.</summary>
    public const int MaxNames = 10;

    public static string Cap(string input) =>
        FieldValueLimits.Exceeds(input, MaxLength) ? FieldValueLimits.Truncate(input, MaxLength) + "…" : input;

    /// <summary>The names an error repeats one by one (as a details array does): the first <see cref="MaxNames"/>, each capped.</summary>
    public static string[] Names(IEnumerable<string> names) => names.Take(MaxNames).Select(Cap).ToArray();

    /// <summary>"and 3 more" for the names past the first <see cref="MaxNames"/> of <paramref name="count"/>; null when there are none.</summary>
    public static string? Rest(int count) => count > MaxNames ? $"and {count - MaxNames} more" : null;

    /// <summary>
    /// The names as an error's message lists them: "a, b, c", or the first <see cref="MaxNames"/> and "and 3 more",
    /// each capped and put between <paramref name="quote"/>s.
    /// </summary>
    public static string List(IEnumerable<string> names, string quote = "")
    {
        var all = names as IReadOnlyCollection<string> ?? names.ToArray();
        var shown = string.Join(", ", Names(all).Select(name => quote + name + quote));
        return Rest(all.Count) is { } rest ? $"{shown} {rest}" : shown;
    }
}
