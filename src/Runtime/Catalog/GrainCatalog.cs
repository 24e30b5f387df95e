using System.Collections.Concurrent;
using System.Diagnostics;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Hosting;
using Actors.Runtime.Invocation;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Catalog;

/// <summary>
/// The silo's activations, one per grain id, created on the first call and removed when they
/// deactivate. It is also the local call dispatcher: a call becomes a request queued at the grain's
/// activation, and the caller's task ends with the result, the grain's exception, or a
/// <see cref="TimeoutException"/> once <see cref="MessagingOptions.ResponseTimeout"/> has passed.
/// In a cluster an <see cref="IGrainRouter"/> decides which grains are local; a call (or a request rerouted after
/// a deactivation) for a grain another silo owns is handed to the router instead of activating it here.
/// </summary>
internal sealed class GrainCatalog : IGrainCallDispatcher
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly GrainTypeRegistry _registry;
    private readonly GrainRuntime _runtime;
    private readonly ResponseTimeouts _timeouts;
    private readonly long _responseTimeoutTicks;
    private readonly IGrainRouter? _router;
    private readonly KeyValuePair<string, object?> _siloTag;
    private volatile bool _stopped;

    public GrainCatalog(GrainTypeRegistry registry, GrainRuntime runtime, IOptions<MessagingOptions> messaging, SiloLabel silo, IGrainRouter? router = null)
    {
        _registry = registry;
        _siloTag = new(RuntimeInstruments.SiloTag, silo.Address);
        _router = router;
        _runtime = runtime;
        _responseTimeoutTicks = (long)(messaging.Value.ResponseTimeout.TotalSeconds * Stopwatch.Frequency);
        _timeouts = new ResponseTimeouts(messaging.Value.ResponseTimeout);
        runtime.Catalog = this;
        runtime.GrainFactory = new GrainFactory(registry, this);
    }

    public int Count => _activations.Count;

    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    public IEnumerable<ActivationData> Activations => _activations.Select(static pair => pair.Value);

    /// <summary>
    /// The activations per grain type, counted by enumerating the dictionary (lock-free, unlike its Values, which
    /// would stall every activation of the silo while copying) for the dashboard's report.
    /// </summary>
    public Dictionary<string, long> CountByType()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (id, _) in _activations)
            counts[id.Type] = counts.GetValueOrDefault(id.Type) + 1;
        return counts;
    }

    public Task<TResult> Call<TResult>(GrainId target, GrainMethod<TResult> method, object?[] arguments)
        => Call(target, method, arguments, Stopwatch.GetTimestamp() + _responseTimeoutTicks, forwardCount: -1);

    /// <summary>
    /// A call with an explicit deadline. A <paramref name="forwardCount"/> of 0 or more marks a call that arrived
    /// from another process, forwarded that many times; -1 a call made in this one.
    /// </summary>
    public Task<TResult> Call<TResult>(GrainId target, GrainMethod<TResult> method, object?[] arguments, long deadlineTimestamp, int forwardCount)
    {
        var started = Stopwatch.GetTimestamp();
        var call = new GrainCall<TResult>(target, method, arguments, deadlineTimestamp, Math.Max(0, forwardCount)) { ArrivedFromRemote = forwardCount >= 0 };
        _timeouts.Track(call);
        Deliver(target, call);
        var result = call.Result;
        RuntimeInstruments.Calls.Add(1, new KeyValuePair<string, object?>("grain.type", target.Type), _siloTag);
        return RuntimeInstruments.CallDuration.Enabled || RuntimeInstruments.CallFailures.Enabled
            ? Measured(result, target.Type, _siloTag, started)
            : result;
    }

    /// <summary>Hands a request to the grain's activation, creating the activation if there is none.</summary>
    public void Deliver(GrainId target, GrainRequest request)
    {
        while (true)
        {
            if (_router is not null && request is RoutableCall call && !_router.IsLocal(target))
            {
                _router.Send(call);
                return;
            }
            if (_stopped)
            {
                request.Fail(new SiloUnavailableException($"The silo has stopped; {request.Name} on {target} was not run."));
                return;
            }

            ActivationData activation;
            try
            {
                activation = _activations.GetOrAdd(target, static (id, catalog) => catalog.CreateActivation(id), this);
            }
            catch (ArgumentException unknownType)
            {
                request.Fail(unknownType);
                return;
            }

            if (activation.Enqueue(request))
                return;
            // That activation has just become Invalid: drop it and go round to a fresh one.
            _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(target, activation));
        }
    }

    /// <summary>Ends the silo as a crash would: nothing is deactivated, and nothing more is accepted.</summary>
    public void Abandon()
    {
        _stopped = true;
        _timeouts.Dispose();
    }

    public void Remove(ActivationData activation)
        => _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));

    /// <summary>
    /// Deactivates every activation, letting in-flight requests finish. Requests that were queued, or
    /// that in-flight requests send meanwhile, run on fresh activations that the next round deactivates
    /// in turn; once the catalog is empty (or the timeout passes) it stops accepting calls.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        _runtime.Log.ShuttingDown(_activations.Count);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "the silo is stopping");
        while (!_activations.IsEmpty && Stopwatch.GetTimestamp() < deadline)
        {
            var round = _activations.Values.Select(a => a.StartDeactivation(reason)).ToArray();
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            await Task.WhenAny(Task.WhenAll(round), Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero));
        }
        _stopped = true;
        _timeouts.Dispose();
        if (!_activations.IsEmpty)
            _runtime.Log.ShutdownTimedOut(_activations.Count, timeout);
    }

    private ActivationData CreateActivation(GrainId id) => new(id, _registry.ClassOf(id.Type), _runtime);

    private static async Task<TResult> Measured<TResult>(Task<TResult> call, string grainType, KeyValuePair<string, object?> silo, long started)
    {
        var tag = new KeyValuePair<string, object?>("grain.type", grainType);
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            RuntimeInstruments.CallFailures.Add(1, tag, silo, new KeyValuePair<string, object?>("exception.type", exception.GetType().Name));
            throw;
        }
        finally
        {
            RuntimeInstruments.CallDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tag, silo);
        }
    }
}
