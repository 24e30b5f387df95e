using Actors.Runtime.Catalog;
using Actors.Runtime.Timers;

namespace Actors.Runtime;

/// <summary>
/// Base class of every grain. An instance lives inside one activation and sees one request at a time
/// (unless its methods or class allow interleaving), so grain code needs no locks.
/// </summary>
public abstract class Grain
{
    private readonly ActivationData _activation;

    protected Grain()
    {
        _activation = ActivationData.Constructing
            ?? throw new InvalidOperationException("Grains are created by the runtime; ask an IGrainFactory for a reference instead of calling the constructor.");
    }

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => _activation.GrainId;

    /// <summary>The "{type}/{key}" text of the grain id, for logs.</summary>
    public string IdentityString => _activation.GrainId.ToString();

    /// <summary>Builds references to other grains (and to this one).</summary>
    protected IGrainFactory GrainFactory => _activation.Runtime.GrainFactory;

    /// <summary>The silo's service provider.</summary>
    protected IServiceProvider ServiceProvider => _activation.Runtime.Services;

    /// <summary>Runs after the persistent state is loaded and before the first request.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs when the activation is deactivated, after the last running request has finished. Best effort:
    /// a crash skips it, so correctness must never depend on it.
    /// </summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current request completes.</summary>
    protected void DeactivateOnIdle() => _activation.DeactivateOnIdle();

    /// <summary>Keeps the activation from idle collection for at least <paramref name="timeSpan"/>.</summary>
    protected void DelayDeactivation(TimeSpan timeSpan) => _activation.DelayDeactivation(timeSpan);

    /// <summary>
    /// Registers a timer whose ticks run as turns of this activation: a tick never overlaps another
    /// tick, and unless <see cref="GrainTimerCreationOptions.Interleave"/> is set it never interleaves with a request.
    /// The next tick is armed only after the callback completes. Timers die with the activation.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
        => _activation.RegisterTimer(callback, options);

    /// <inheritdoc cref="RegisterGrainTimer(Func{CancellationToken, Task}, GrainTimerCreationOptions)"/>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
        => _activation.RegisterTimer(callback, new GrainTimerCreationOptions { DueTime = dueTime, Period = period });

    internal ActivationData Activation => _activation;
}
