using System.Numerics;
using System.Diagnostics;

namespace Actors.Runtime.Invocation;

/// <summary>
/// Ends calls whose caller has waited longer than the response timeout. A timer per call (as
/// Task.WaitAsync would create) costs more than the call itself, so pending calls are kept in striped,
/// intrusive linked lists instead (adding and removing is a short lock and no allocation), and one
/// sweep a tick fails the overdue ones with <see cref="TimeoutException"/>. The timeout is therefore
/// honoured to within one sweep period.
/// </summary>
internal sealed class ResponseTimeouts : IDisposable
{
    private readonly Stripe[] _stripes;
    private readonly ITimer _sweeper;

    public ResponseTimeouts(TimeSpan responseTimeout)
    {
        _stripes = new Stripe[Math.Max(4, (int)BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount * 4))];
        for (var i = 0; i < _stripes.Length; i++)
            _stripes[i] = new Stripe();
        var period = TimeSpan.FromTicks(Math.Clamp(responseTimeout.Ticks / 20, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerMillisecond * 500));
        _sweeper = TimeProvider.System.CreateTimer(static state => ((ResponseTimeouts)state!).Sweep(), this, period, period);
    }

    public void Track(TimedCall call)
    {
        var stripe = _stripes[Environment.CurrentManagedThreadId & (_stripes.Length - 1)];
        lock (stripe)
        {
            call.Stripe = stripe;
            call.Next = stripe.Head;
            if (stripe.Head is not null)
                stripe.Head.Previous = call;
            stripe.Head = call;
        }
    }

    public static void Untrack(TimedCall call)
    {
        var stripe = call.Stripe;
        if (stripe is null)
            return;
        lock (stripe)
            stripe.Unlink(call);
    }

    private void Sweep()
    {
        var now = Stopwatch.GetTimestamp();
        List<TimedCall>? overdue = null;
        foreach (var stripe in _stripes)
        {
            lock (stripe)
            {
                for (var call = stripe.Head; call is not null;)
                {
                    var next = call.Next;
                    if (call.IsExpired(now))
                    {
                        stripe.Unlink(call);
                        (overdue ??= []).Add(call);
                    }
                    call = next;
                }
            }
        }
        overdue?.ForEach(call => call.TimeOut());
    }

    public void Dispose() => _sweeper.Dispose();

    internal sealed class Stripe
    {
        public TimedCall? Head;

        public void Unlink(TimedCall call)
        {
            if (call.Stripe != this)
                return;
            if (call.Previous is not null)
                call.Previous.Next = call.Next;
            else
                Head = call.Next;
            if (call.Next is not null)
                call.Next.Previous = call.Previous;
            call.Previous = call.Next = null;
            call.Stripe = null;
        }
    }
}

/// <summary>A request with a caller waiting under a deadline; the links belong to <see cref="ResponseTimeouts"/>.</summary>
internal abstract class TimedCall(long deadlineTimestamp) : GrainRequest
{
    internal TimedCall? Previous;
    internal TimedCall? Next;
    internal ResponseTimeouts.Stripe? Stripe;

    public override bool IsExpired(long nowTimestamp) => nowTimestamp > deadlineTimestamp;

    /// <summary>Ends the caller's wait with a <see cref="TimeoutException"/>.</summary>
    public abstract void TimeOut();
}
