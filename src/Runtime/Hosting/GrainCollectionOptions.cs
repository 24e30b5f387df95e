namespace Actors.Runtime.Hosting;

/// <summary>Idle activation collection and deactivation settings (configuration section "GrainCollection").</summary>
public sealed class GrainCollectionOptions
{
    public const string SectionName = "GrainCollection";

    public static readonly TimeSpan DefaultCollectionAge = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan DefaultCollectionQuantum = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultDeactivationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long an activation may stay idle before it is collected. Default 15 min (Orleans's default).</summary>
    public TimeSpan CollectionAge { get; set; } = DefaultCollectionAge;

    /// <summary>How often the collector looks for idle activations. Default 1 min; must be shorter than every collection age.</summary>
    public TimeSpan CollectionQuantum { get; set; } = DefaultCollectionQuantum;

    /// <summary>Collection age per grain type name (for example "device"), overriding <see cref="CollectionAge"/>. Default: none.</summary>
    public Dictionary<string, TimeSpan> ClassSpecificCollectionAge { get; set; } = [];

    /// <summary>How long OnDeactivateAsync, and at shutdown the whole deactivation of the silo, may take. Default 30 s.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = DefaultDeactivationTimeout;

    internal TimeSpan CollectionAgeFor(string grainType)
        => ClassSpecificCollectionAge.TryGetValue(grainType, out var age) ? age : CollectionAge;
}
