using Actors.Runtime.Diagnostics;
using Actors.Runtime.Invocation;
using Actors.Runtime.Persistence;
using Actors.Runtime.Scheduler;
using Actors.Runtime.Timers;

namespace Actors.Runtime.Catalog;

/// <summary>
/// One activation of a grain: the request layer of turn-based concurrency (Orleans's ActivationData).
///
/// Requests wait in a pending list and start when the admission rule allows: nothing is running; or
/// the class is [Reentrant]; or the request is [AlwaysInterleave]; or only interleaving requests are
/// running; or the request and every running blocking request are [ReadOnly]. A request that may not
/// start is skipped and later ones are considered, so admissible requests can overtake (no FIFO
/// promise, as in Orleans). Started requests run on the activation's <see cref="ActivationTaskScheduler"/>.
///
/// State loading and OnActivateAsync run as the first turn; requests queue meanwhile. Deactivation
/// admits nothing new, waits for running requests, runs OnDeactivateAsync, and hands requests that
/// were still pending back to the catalog, which routes them to a fresh activation.
/// </summary>
internal sealed partial class ActivationData
{
    /// <summary>The activation whose grain is being constructed on this thread, read by the Grain constructor.</summary>
    [ThreadStatic]
    internal static ActivationData? Constructing;

    private static readonly Action<object?> s_runRequest = state => ((GrainRequest)state!).Activation!.RunRequest((GrainRequest)state);

    private readonly GrainClass _class;
    private readonly ActivationTaskScheduler _scheduler = new();
    private readonly List<GrainRequest> _pending = [];
    private readonly List<IStateLoader> _states = [];
    private readonly List<GrainTimer> _timers = [];
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ActivationState _state = ActivationState.Creating;
    private Grain? _grain;
    private int _running;
    private int _runningBlocking;
    private int _runningWriters;
    private long _lastActivityMs;
    private long _keepAliveUntilMs;
    private bool _deactivateWhenIdle;
    private bool _deactivationScheduled;
    private DeactivationReason _deactivationReason;

    public ActivationData(GrainId grainId, GrainClass grainClass, GrainRuntime runtime)
    {
        GrainId = grainId;
        _class = grainClass;
        Runtime = runtime;
        _lastActivityMs = Environment.TickCount64;
    }

    public GrainId GrainId { get; }
    public GrainRuntime Runtime { get; }
    public ActivationState State { get { lock (_pending) return _state; } }

    /// <summary>Completes when the activation has become Invalid.</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>
    /// Accepts a request, or returns false when the activation is already Invalid (the caller then
    /// routes the request to a new activation).
    /// </summary>
    public bool Enqueue(GrainRequest request)
    {
        var admitted = new Admitted();
        var activate = false;
        lock (_pending)
        {
            if (_state == ActivationState.Invalid)
                return false;
            request.Activation = this;
            _pending.Add(request);
            if (_state == ActivationState.Creating)
            {
                _state = ActivationState.Activating;
                activate = true;
            }
            else
            {
                PumpLocked(ref admitted);
            }
        }
        if (activate)
            _scheduler.Run(static state => _ = ((ActivationData)state!).ActivateAsync(), this);
        admitted.Start(_scheduler);
        return true;
    }

    /// <summary>
    /// Moves every pending request the admission rule allows into <paramref name="admitted"/>. Caller holds
    /// the lock and starts them after releasing it: grain code must never run under the lock, or two
    /// activations calling each other could deadlock on each other's locks.
    /// </summary>
    private void PumpLocked(ref Admitted admitted)
    {
        if (_state != ActivationState.Valid)
            return;
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < _pending.Count;)
        {
            var request = _pending[i];
            if (request.IsExpired(now))
            {
                _pending.RemoveAt(i);
                request.Fail(new TimeoutException($"{request.Name} on {GrainId} was dropped: its caller stopped waiting before it could start."));
                continue;
            }
            if (!MayStart(request))
            {
                i++;
                continue;
            }
            _pending.RemoveAt(i);
            AdmitLocked(request);
            admitted.Add(request);
        }
    }

    private bool MayStart(GrainRequest request)
        => _running == 0
           || _class.IsReentrant
           || request.IsAlwaysInterleave
           || _runningBlocking == 0
           || (request.IsReadOnly && _runningWriters == 0);

    private void AdmitLocked(GrainRequest request)
    {
        _running++;
        if (!request.IsAlwaysInterleave)
        {
            _runningBlocking++;
            if (!request.IsReadOnly)
                _runningWriters++;
        }
        if (request.KeepsAlive)
            _lastActivityMs = Environment.TickCount64;
    }

    /// <summary>Runs on the activation's scheduler: starts the grain method and arranges for its completion.</summary>
    private void RunRequest(GrainRequest request)
    {
        Task work;
        try
        {
            work = request.Start(_grain!);
        }
        catch (Exception exception)
        {
            work = Task.FromException(exception);
        }

        if (work.IsCompleted)
            OnRequestFinished(request, work);
        else
            work.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => OnRequestFinished(request, work));
    }

    private void OnRequestFinished(GrainRequest request, Task work)
    {
        var deactivateNow = false;
        var admitted = new Admitted();
        lock (_pending)
        {
            _running--;
            if (!request.IsAlwaysInterleave)
            {
                _runningBlocking--;
                if (!request.IsReadOnly)
                    _runningWriters--;
            }
            if (request.KeepsAlive)
                _lastActivityMs = Environment.TickCount64;

            // A stale ETag means another activation wrote this grain's state: this one must reload.
            if (work.Exception?.InnerException is InconsistentStateException inconsistent)
                BeginDeactivationLocked(new DeactivationReason(DeactivationReasonCode.ApplicationError, "storage ETag conflict", inconsistent));
            else if (_deactivateWhenIdle && _running == 0)
                BeginDeactivationLocked(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called"));

            if (_state == ActivationState.Deactivating)
                deactivateNow = TakeDeactivationTurnLocked();
            else
                PumpLocked(ref admitted);
        }

        admitted.Start(_scheduler);
        request.Complete(work);
        if (deactivateNow)
            _scheduler.Run(static state => _ = ((ActivationData)state!).FinishDeactivationAsync(), this);
    }

    internal void DeactivateOnIdle()
    {
        lock (_pending)
            _deactivateWhenIdle = true;
    }

    internal void DelayDeactivation(TimeSpan timeSpan)
    {
        lock (_pending)
            _keepAliveUntilMs = Math.Max(_keepAliveUntilMs, Environment.TickCount64 + (long)timeSpan.TotalMilliseconds);
    }

    internal void AddStateLoader(IStateLoader state) => _states.Add(state);

    internal IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        var timer = new GrainTimer(this, callback, options);
        lock (_pending)
            _timers.Add(timer);
        timer.Start();
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_pending)
            _timers.Remove(timer);
    }

    /// <summary>When this activation last started or finished a request (<see cref="Environment.TickCount64"/>); read without its lock, as an ordering hint.</summary>
    internal long LastActivityMs => Volatile.Read(ref _lastActivityMs);

    /// <summary>Whether the collector may deactivate this activation now.</summary>
    internal bool IsIdleLongerThan(TimeSpan age, long nowMs)
    {
        lock (_pending)
        {
            return _state == ActivationState.Valid
                   && _running == 0
                   && _pending.Count == 0
                   && nowMs >= _keepAliveUntilMs
                   && nowMs - _lastActivityMs >= (long)age.TotalMilliseconds;
        }
    }

    internal GrainClass Class => _class;
    internal string GrainType => _class.TypeName;
    internal Grain? Instance => _grain;

    /// <summary>Requests admitted under the lock, started once it is released; rarely more than one.</summary>
    private struct Admitted
    {
        private GrainRequest? _first;
        private List<GrainRequest>? _more;

        public void Add(GrainRequest request)
        {
            if (_first is null)
                _first = request;
            else
                (_more ??= []).Add(request);
        }

        public readonly void Start(ActivationTaskScheduler scheduler)
        {
            if (_first is null)
                return;
            scheduler.Run(s_runRequest, _first);
            if (_more is null)
                return;
            foreach (var request in _more)
                scheduler.Run(s_runRequest, request);
        }
    }

    private static KeyValuePair<string, object?> TypeTag(string type) => new("grain.type", type);

    private void RecordActivated() => RuntimeInstruments.Activations.Add(1, TypeTag(_class.TypeName));
    private void RecordDeactivated() => RuntimeInstruments.Activations.Add(-1, TypeTag(_class.TypeName));
}
