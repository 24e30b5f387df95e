using System.Diagnostics;
using Actors.Runtime.Hosting;
using Actors.Runtime.Invocation;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Messaging;

/// <summary>The dispatcher of a cluster client: every call goes to the owner silo; there are no local grains.</summary>
internal sealed class ClientCallDispatcher : IGrainCallDispatcher, IDisposable
{
    private readonly ClusterCallRouter _router;
    private readonly ResponseTimeouts _timeouts;
    private readonly long _responseTimeoutTicks;

    public ClientCallDispatcher(ClusterCallRouter router, IOptions<MessagingOptions> messaging)
    {
        _router = router;
        _timeouts = new ResponseTimeouts(messaging.Value.ResponseTimeout);
        _responseTimeoutTicks = (long)(messaging.Value.ResponseTimeout.TotalSeconds * Stopwatch.Frequency);
    }

    public Task<TResult> Call<TResult>(GrainId target, GrainMethod<TResult> method, object?[] arguments)
    {
        var call = method.NewCall(target, arguments, Stopwatch.GetTimestamp() + _responseTimeoutTicks, forwardCount: 0);
        _timeouts.Track(call);
        _router.Send(call);
        return call.Result;
    }

    public void Dispose() => _timeouts.Dispose();
}
