using Actors.Runtime.Catalog;
using Actors.Runtime.Invocation;

namespace Actors.Runtime.Timers;

/// <summary>
/// A grain timer. Each tick is enqueued into the activation as a local request, so by default it is an
/// ordinary turn; the next tick is armed only when the callback's task completes, so ticks never overlap
/// and the period counts from the end of a tick.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly GrainTimerCreationOptions _options;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _stopped = new();
    private TimeSpan _period;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        _activation = activation;
        _callback = callback;
        _options = options;
        _period = options.Period;
        _timer = TimeProvider.System.CreateTimer(static state => ((GrainTimer)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Start() => Arm(_options.DueTime);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        _period = period;
        Arm(dueTime);
    }

    /// <summary>Stops ticking without touching the activation's timer list (the activation is deactivating).</summary>
    internal void Stop()
    {
        _stopped.Cancel();
        _timer.Dispose();
    }

    public void Dispose()
    {
        Stop();
        _activation.RemoveTimer(this);
    }

    private void Arm(TimeSpan dueTime)
    {
        if (!_stopped.IsCancellationRequested)
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    private void Fire()
    {
        if (!_stopped.IsCancellationRequested)
            _activation.Enqueue(new Tick(this));
    }

    private void OnTickFinished()
    {
        if (_period != Timeout.InfiniteTimeSpan)
            Arm(_period);
    }

    /// <summary>One tick, run as a turn of the activation.</summary>
    private sealed class Tick(GrainTimer timer) : GrainRequest
    {
        public override bool IsReadOnly => false;
        public override bool IsAlwaysInterleave => timer._options.Interleave;
        public override bool KeepsAlive => timer._options.KeepAlive;
        public override bool IsReroutable => false;
        public override string Name => "timer tick";

        public override Task Start(object grain)
            => timer._stopped.IsCancellationRequested ? Task.CompletedTask : timer._callback(timer._stopped.Token);

        public override void Complete(Task finished)
        {
            if (finished.IsFaulted)
                timer._activation.Runtime.Log.TimerTickFailed(timer._activation.GrainId.ToString(), finished.Exception!.InnerException!);
            timer.OnTickFinished();
        }

        public override void Fail(Exception exception) { }
    }
}
