using Actors.Grains.Fields;

namespace Actors.Grains.Errors;

/// <summary>
/// How an error repeats the input it refuses (an unknown name, a value that is no number): whole up to
/// <see cref="MaxLength"/> characters, else its first <see cref="MaxLength"/> and an ellipsis, so that a request naming
/// an unknown field with a 1 MiB name gets a short answer rather than one twice its size.
/// </summary>
public static class EchoedInput
{
    /// <summary>The most characters (code points) of refused input an error repeats: 64, enough to recognise a name by.</summary>
    public const int MaxLength = 64;

    public static string Cap(string input) =>
        FieldValueLimits.Exceeds(input, MaxLength) ? FieldValueLimits.Truncate(input, MaxLength) + "…" : input;
}
