namespace Actors.Runtime.Hosting;

/// <summary>Idle activation collection and deactivation settings (configuration section "GrainCollection").</summary>
public sealed class GrainCollectionOptions
{
    public const string SectionName = "GrainCollection";

    public static readonly TimeSpan DefaultCollectionAge = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan DefaultCollectionQuantum = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultDeactivationTimeout = TimeSpan.FromSeconds(30);
    public const int DefaultMemoryUsageLimitPercentage = 80;
    public const int DefaultMemoryUsageTargetPercentage = 75;
    public static readonly TimeSpan DefaultMemoryUsagePollingPeriod = TimeSpan.FromSeconds(1);

    /// <summary>How long an activation may stay idle before it is collected. Default 15 min (Orleans's default).</summary>
    public TimeSpan CollectionAge { get; set; } = DefaultCollectionAge;

    /// <summary>How often the collector looks for idle activations. Default 1 min; must be shorter than every collection age.</summary>
    public TimeSpan CollectionQuantum { get; set; } = DefaultCollectionQuantum;

    /// <summary>Collection age per grain type name (for example "device"), overriding <see cref="CollectionAge"/>. Default: none.</summary>
    public Dictionary<string, TimeSpan> ClassSpecificCollectionAge { get; set; } = [];

    /// <summary>How long OnDeactivateAsync, and at shutdown the whole deactivation of the silo, may take. Default 30 s.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = DefaultDeactivationTimeout;

    /// <summary>
    /// Whether the silo deactivates its least recently used idle activations when the managed heap nears the memory the
    /// process may use. Default true; Orleans defaults to false, but a silo of this service activates a device and a
    /// contact grain per new visitor and per imported row, so without it a burst of new visitors or a large import
    /// exhausts a container's memory long before the 15-minute collection age frees anything.
    /// </summary>
    public bool EnableActivationSheddingOnMemoryPressure { get; set; } = true;

    /// <summary>
    /// Heap use, in percent of the memory the process may use (the container's limit, or the machine's memory), from
    /// which activations are shed. Default 80 (Orleans's default).
    /// </summary>
    public int MemoryUsageLimitPercentage { get; set; } = DefaultMemoryUsageLimitPercentage;

    /// <summary>The heap use, in percent, that shedding aims to bring the silo back to. Default 75 (Orleans's default).</summary>
    public int MemoryUsageTargetPercentage { get; set; } = DefaultMemoryUsageTargetPercentage;

    /// <summary>
    /// How often the silo reads its memory use. Default 1 s (Orleans reads every 5 s): new visitors can grow a silo's heap
    /// by a tenth of a 1 GiB limit within 5 s. A reading is cheap; only a reading above the limit scans the activations.
    /// </summary>
    public TimeSpan MemoryUsagePollingPeriod { get; set; } = DefaultMemoryUsagePollingPeriod;

    internal TimeSpan CollectionAgeFor(string grainType)
        => ClassSpecificCollectionAge.TryGetValue(grainType, out var age) ? age : CollectionAge;
}
