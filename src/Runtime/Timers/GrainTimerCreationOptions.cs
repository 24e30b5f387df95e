namespace Actors.Runtime.Timers;

/// <summary>How a grain timer ticks (Orleans's GrainTimerCreationOptions).</summary>
public sealed record GrainTimerCreationOptions
{
    /// <summary>Time before the first tick; <see cref="Timeout.InfiniteTimeSpan"/> leaves the timer idle.</summary>
    public TimeSpan DueTime { get; init; }

    /// <summary>Time from the end of one tick to the start of the next; <see cref="Timeout.InfiniteTimeSpan"/> ticks once.</summary>
    public TimeSpan Period { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>Whether ticks may interleave with requests. Default false: a tick is an ordinary turn.</summary>
    public bool Interleave { get; init; }

    /// <summary>Whether a tick counts as activity for idle collection. Default false.</summary>
    public bool KeepAlive { get; init; }
}

/// <summary>A registered grain timer.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Re-arms the timer with a new due time and period.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
