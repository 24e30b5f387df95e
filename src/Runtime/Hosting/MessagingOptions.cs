namespace Actors.Runtime.Hosting;

/// <summary>Grain call settings (configuration section "Messaging").</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a caller waits for a grain call before its await ends with <see cref="TimeoutException"/>.
    /// The outcome of a timed-out call is unknown, and nothing retries it. Default 30 s (Orleans's default).
    /// A request still queued when its caller's timeout passes is dropped without running.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = DefaultResponseTimeout;
}
