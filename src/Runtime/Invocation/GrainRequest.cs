using Actors.Runtime.Catalog;

namespace Actors.Runtime.Invocation;

/// <summary>
/// One unit of work for an activation: a grain call or a timer tick. The activation decides when it may
/// start (see <see cref="ActivationData"/>), runs it as a turn and reports its completion.
/// </summary>
internal abstract class GrainRequest
{
    /// <summary>The activation that runs this request; set when the request is accepted.</summary>
    public ActivationData? Activation { get; set; }

    public abstract bool IsReadOnly { get; }
    public abstract bool IsAlwaysInterleave { get; }

    /// <summary>Whether running this request counts as activity for idle collection.</summary>
    public virtual bool KeepsAlive => true;

    /// <summary>Whether a request still pending when its activation goes away moves to the next activation.</summary>
    public virtual bool IsReroutable => true;

    /// <summary>Whether the caller has stopped waiting (its timeout passed), so the request must not run.</summary>
    public virtual bool IsExpired(long nowTimestamp) => false;

    /// <summary>Starts the work on the grain; the returned task completes when the turn's work is done.</summary>
    public abstract Task Start(object grain);

    /// <summary>Reports the outcome to whoever waits for it.</summary>
    public abstract void Complete(Task finished);

    /// <summary>Ends the request without running it.</summary>
    public abstract void Fail(Exception exception);

    /// <summary>A name for logs.</summary>
    public abstract string Name { get; }
}

/// <summary>
/// A grain call as a router sees it: target, method, arguments and deadline, so that it can be sent to the silo
/// that owns the grain and completed from that silo's answer.
/// </summary>
internal abstract class RoutableCall(GrainId target, object?[] arguments, long deadlineTimestamp, int forwardCount)
    : TimedCall(deadlineTimestamp)
{
    public GrainId Target { get; } = target;
    public object?[] Arguments { get; } = arguments;
    public long DeadlineTimestamp { get; } = deadlineTimestamp;

    /// <summary>How many times other silos had already forwarded this call when it reached this one (0 for a call made here).</summary>
    public int ForwardCount { get; } = forwardCount;

    /// <summary>Whether this call arrived from another process (so sending it on is a forward).</summary>
    public bool ArrivedFromRemote { get; init; }

    public abstract GrainMethod Method { get; }

    /// <summary>Completes the caller's task with a result received from another silo.</summary>
    public abstract void CompleteWith(object? result);
}

/// <summary>A call from a grain reference, completing the caller's task with the method's result.</summary>
internal sealed class GrainCall<TResult>(GrainId target, GrainMethod<TResult> method, object?[] arguments, long deadlineTimestamp, int forwardCount = 0)
    : RoutableCall(target, arguments, deadlineTimestamp, forwardCount)
{
    private readonly TaskCompletionSource<TResult> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Result => _promise.Task;

    public override bool IsReadOnly => method.IsReadOnly;
    public override bool IsAlwaysInterleave => method.IsAlwaysInterleave;
    public override string Name => method.Name;

    public override GrainMethod Method => method;

    public override Task Start(object grain) => method.Invoker(grain, Arguments);

    public override void CompleteWith(object? result)
    {
        ResponseTimeouts.Untrack(this);
        _promise.TrySetResult(method.ReturnsValue ? (TResult)result! : default!);
    }

    public override void Complete(Task finished)
    {
        ResponseTimeouts.Untrack(this);
        if (finished.IsFaulted)
            _promise.TrySetException(finished.Exception!.InnerExceptions.Count == 1 ? finished.Exception.InnerException! : finished.Exception);
        else if (finished.IsCanceled)
            _promise.TrySetCanceled();
        else
            _promise.TrySetResult(method.GetResult(finished));
    }

    public override void Fail(Exception exception)
    {
        ResponseTimeouts.Untrack(this);
        _promise.TrySetException(exception);
    }

    public override void TimeOut()
        => _promise.TrySetException(new TimeoutException($"{method.Name} on {Target} did not answer within the response timeout."));
}
