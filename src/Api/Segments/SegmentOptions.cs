namespace Actors.Api.Segments;

/// <summary>What a segment may hold (configuration section "Segments").</summary>
public sealed class SegmentOptions
{
    public const string SectionName = "Segments";

    public const int DefaultMaxFilters = 100;

    /// <summary>
    /// The most entries a segment's filters array holds (default 100; more answers 400). Every segment answer embeds
    /// them, and a Mautic segment holds a handful (its builder adds one row per condition); without a limit one body
    /// of 1 MiB stored tens of thousands, which each list of segments then carried.
    /// </summary>
    public int MaxFilters { get; set; } = DefaultMaxFilters;
}
