using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Actors.Runtime.Invocation;
using Actors.Runtime.Membership;
using Actors.Runtime.MembershipService;
using Actors.Runtime.Placement;

namespace Actors.Runtime.Messaging;

/// <summary>
/// Sends calls to the silo that owns the grain under this process's view (used by silos and by cluster clients).
///
/// Guarantees: a call is sent at most once (no retry: the outcome of a call whose silo vanished is unknown, as in
/// Orleans); it carries what remains of its deadline, and the local wait ends at that deadline too; a call that a
/// silo receives for a grain it does not own is forwarded at most <see cref="MaxForwardCount"/> times, then fails
/// with <see cref="GrainRoutingException"/>. Failure: when a view declares a silo Dead (or drops it), every call
/// still waiting on it fails at once with <see cref="SiloUnavailableException"/>; a silo that cannot be reached
/// fails the call the same way and makes this process re-read the membership table, as does an answer carrying a
/// newer view version than ours. Such re-reads asked for at once share one table read (<see cref="SharedTableRead"/>).
///
/// Views that disagree: a silo that receives a call from a silo its own view names as the grain's owner knows the
/// two views differ (the sender would have run the call itself otherwise), and forwarding it now would send it straight
/// back. That happens whenever a silo stops gracefully: it writes ShuttingDown, drops itself from its own ring and
/// forwards what it receives, while the new owner has not read the table yet. So the receiver reads the table before
/// routing such a call (<see cref="CatchUpWithSenderAsync"/>), and the call goes where the newer view says. Orleans
/// instead rejects with a transient rejection once MaxForwardCount is reached; here that is the fallback, a
/// <see cref="GrainRoutingException"/>, which callers treat as "try again" (<see cref="TransientCallFailure"/>).
/// A message that a silo cannot understand, an answer this process cannot read, and a reply from something that is not
/// a silo (another server on the silo's port: see <see cref="SiloConnections.CallAsync"/>) are a
/// <see cref="ClusterProtocolException"/> instead: sent again it fails again, so it is not one to retry. A silo that
/// cannot be reached at all (connection refused, reset or timed out) stays a <see cref="SiloUnavailableException"/>.
/// Neither path can run a call twice: a call is routed (forwarded, or failed at the forward bound) only before it is
/// delivered to any activation, so reading the view changes where it runs, never how many times.
/// </summary>
internal sealed class ClusterCallRouter : IGrainRouter, IDisposable
{
    /// <summary>Orleans's MaxForwardCount.</summary>
    public const int MaxForwardCount = 2;

    private readonly GrainPlacement _placement;
    private readonly SiloConnections _connections;
    private readonly ClusterIdentity _identity;
    private readonly IClusterMembershipService _membership;
    private readonly MessagingLog _log;
    private readonly ConcurrentDictionary<SiloAddress, ConcurrentDictionary<long, Pending>> _pending = new();
    private readonly IDisposable _subscription;
    private readonly SharedTableRead _tableRead;
    private long _nextCorrelationId;

    public ClusterCallRouter(GrainPlacement placement, SiloConnections connections, ClusterIdentity identity, IClusterMembershipService membership, MessagingLog log)
    {
        _placement = placement;
        _connections = connections;
        _identity = identity;
        _membership = membership;
        _log = log;
        _tableRead = new SharedTableRead(membership.RefreshAsync);
        _subscription = membership.Subscribe(FailCallsToDeadSilos);
    }

    public bool IsLocal(GrainId grain)
    {
        if (_identity.Silo is not { } local)
            return false;
        var owner = _placement.Current.OwnerOf(grain);
        // No Active silo in the view yet (this silo is still joining, or is the only one): serve it here.
        return owner is null || owner == local.Address;
    }

    public void Send(RoutableCall call) => _ = SendAsync(call);

    /// <summary>
    /// Before a call that the silo <paramref name="sender"/> sent here is delivered: if this process's view names the
    /// sender as the owner of <paramref name="grain"/>, the views disagree, so the membership table is read first (see
    /// the class comment). Otherwise nothing is read.
    /// </summary>
    public ValueTask CatchUpWithSenderAsync(SiloAddress sender, GrainId grain)
    {
        if (_placement.Current.OwnerOf(grain) != sender)
            return ValueTask.CompletedTask;
        _log.ViewsDisagree(sender.ToString(), grain.ToString());
        return new ValueTask(RefreshQuietlyAsync());
    }

    private async Task SendAsync(RoutableCall call)
    {
        var forwardCount = call.ArrivedFromRemote ? call.ForwardCount + 1 : 0;
        if (forwardCount > MaxForwardCount)
        {
            call.Fail(new GrainRoutingException($"{call.Method.Name} on {call.Target} was forwarded {MaxForwardCount} times without reaching its owner; the silos' membership views disagree."));
            return;
        }
        if (_placement.Current.OwnerOf(call.Target) is not { } owner)
        {
            call.Fail(new SiloUnavailableException($"No Active silo can run {call.Method.Name} on {call.Target}."));
            _ = RefreshQuietlyAsync();
            return;
        }
        if (forwardCount > 0)
            _log.Forwarding(call.Target.ToString(), owner.ToString(), forwardCount);

        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), call.DeadlineTimestamp);
        if (remaining <= TimeSpan.Zero)
        {
            call.TimeOut();
            return;
        }

        CallMessage message;
        try
        {
            message = new CallMessage
            {
                ClusterId = _identity.ClusterId,
                CorrelationId = Interlocked.Increment(ref _nextCorrelationId),
                Sender = _identity.SenderName,
                TargetSilo = owner.ToString(),
                Grain = call.Target.ToString(),
                Method = call.Method.Identity,
                Arguments = [.. call.Arguments.Select((argument, i) => JsonSerializer.SerializeToElement(argument, call.Method.ParameterTypes[i], WireJson.Options))],
                ForwardCount = forwardCount,
                TimeToLiveMs = (int)Math.Ceiling(remaining.TotalMilliseconds),
            };
        }
        catch (Exception unserializable)
        {
            call.Fail(new ArgumentException($"The arguments of {call.Method.Name} cannot be sent to another silo: {unserializable.Message}", unserializable));
            return;
        }

        using var cancellation = new CancellationTokenSource(remaining);
        var pending = new Pending(call, cancellation);
        var onSilo = _pending.GetOrAdd(owner, static _ => new ConcurrentDictionary<long, Pending>());
        onSilo[message.CorrelationId] = pending;
        // The view may have declared the owner dead between the lookup and the registration above.
        if (_membership.CurrentView.StatusOf(owner) == SiloStatus.Dead)
            FailCallsToDeadSilos(_membership.CurrentView);
        try
        {
            var answer = await _connections.CallAsync(owner, message, cancellation.Token);
            if (answer.ViewVersion > _membership.CurrentView.Version)
                _ = RefreshQuietlyAsync();
            Complete(call, answer);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The deadline passed (the timeout sweep ends the caller's wait) or the owner was declared dead.
            call.TimeOut();
        }
        catch (ClusterProtocolException notASilo)
        {
            _log.NotASilo(owner.ToString(), notASilo.Message);
            call.Fail(notASilo);
        }
        catch (Exception unreachable) when (unreachable is HttpRequestException or IOException)
        {
            call.Fail(new SiloUnavailableException($"Silo {owner} could not be reached for {call.Method.Name} on {call.Target}: {unreachable.Message}"));
            _ = RefreshQuietlyAsync();
        }
        finally
        {
            onSilo.TryRemove(message.CorrelationId, out _);
        }
    }

    private static void Complete(RoutableCall call, CallAnswer answer)
    {
        if (answer.ExceptionType is { } type)
        {
            call.Fail(RemoteExceptions.Rebuild(type, answer.ExceptionMessage ?? ""));
            return;
        }
        try
        {
            var resultType = call.Method.ResultType;
            call.CompleteWith(resultType is null || answer.Value is not { } value ? null : value.Deserialize(resultType, WireJson.Options));
        }
        catch (Exception unreadable)
        {
            // Any failure to read the value (a malformed answer, a type the serializer refuses, a converter's bug) would
            // fail again on a repeat; left uncaught, the caller would wait for its timeout instead.
            call.Fail(new ClusterProtocolException($"The answer to {call.Method.Name} on {call.Target} could not be read: {unreadable.GetType().Name}: {unreadable.Message}"));
        }
    }

    private void FailCallsToDeadSilos(MembershipView view)
    {
        foreach (var (silo, calls) in _pending)
        {
            var status = view.StatusOf(silo);
            if (status != SiloStatus.Dead && (status != SiloStatus.None || view.Version < 0))
                continue;
            if (!calls.IsEmpty)
                _log.FailingPending(silo.ToString(), calls.Count);
            foreach (var (id, pending) in calls)
            {
                if (!calls.TryRemove(id, out _))
                    continue;
                pending.Call.Fail(new SiloUnavailableException($"Silo {silo} was declared dead while {pending.Call.Method.Name} on {pending.Call.Target} was waiting for it."));
                try
                {
                    pending.Cancellation.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The send finished meanwhile.
                }
            }
        }
    }

    private async Task RefreshQuietlyAsync()
    {
        try
        {
            await _tableRead.RefreshAsync();
        }
        catch (Exception)
        {
            // The table is unreachable; the periodic refresh retries.
        }
    }

    public void Dispose() => _subscription.Dispose();

    private sealed record Pending(RoutableCall Call, CancellationTokenSource Cancellation);
}
