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

/// <summary>A call from a grain reference, completing the caller's task with the method's result.</summary>
internal sealed class GrainCall<TResult>(GrainId target, GrainMethod<TResult> method, object?[] arguments, long deadlineTimestamp)
    : TimedCall(deadlineTimestamp)
{
    private readonly TaskCompletionSource<TResult> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Result => _promise.Task;

    public override bool IsReadOnly => method.IsReadOnly;
    public override bool IsAlwaysInterleave => method.IsAlwaysInterleave;
    public override string Name => method.Name;

    public override Task Start(object grain) => method.Invoker(grain, arguments);

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
        => _promise.TrySetException(new TimeoutException($"{method.Name} on {target} did not answer within the response timeout."));
}
