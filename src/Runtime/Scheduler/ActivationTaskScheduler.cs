using System.Diagnostics;

namespace Actors.Runtime.Scheduler;

/// <summary>
/// The task layer of turn-based concurrency (Orleans's ActivationTaskScheduler). Every activation owns
/// one; it runs the activation's tasks one at a time on the shared thread pool, so an activation never
/// runs on two threads at once and an idle activation holds no thread at all.
///
/// Grain code runs inside tasks started on this scheduler, so <see cref="TaskScheduler.Current"/> is this
/// scheduler there, and every <c>await</c> continuation (and <c>Task.Yield</c>) comes back to this queue
/// instead of the thread pool. A task runs inline only when the caller is already this scheduler's
/// worker, or when it is the start of a turn, the activation is idle and the caller is a thread-pool thread
/// outside every activation.
/// </summary>
internal sealed class ActivationTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    /// <summary>How long one worker pass may run before it yields the thread to other activations.</summary>
    private static readonly long QuantumTicks = Stopwatch.Frequency / 10;

    [ThreadStatic]
    private static ActivationTaskScheduler? s_running;

    // Set while Run starts a turn. Only a turn's first slice may run inline: any other task reaching QueueTask is a
    // continuation that its completer asked to run asynchronously (a SemaphoreSlim or TaskCompletionSource completing
    // under its own lock, say), and running it on the completer's thread would re-enter that code mid-operation.
    [ThreadStatic]
    private static bool s_startingTurn;

    // A plain queue under its own lock rather than a ConcurrentQueue: every activation owns one, and a ConcurrentQueue's
    // first segment (32 slots, about 600 bytes) was a fifth of an idle activation's memory. One worker dequeues at a
    // time, so the lock is only ever contended by a task being queued while the worker takes the next one.
    private readonly Queue<Task> _queue = new();
    private int _scheduled;

    /// <summary>Whether the calling thread is this scheduler's worker right now.</summary>
    public bool IsRunningOnCurrentThread => s_running == this;

    /// <summary>Starts a work item as a turn of this activation.</summary>
    public void Run(Action<object?> work, object? state)
    {
        s_startingTurn = true;
        try
        {
            new Task(work, state).Start(this);
        }
        finally
        {
            s_startingTurn = false;
        }
    }

    protected override void QueueTask(Task task)
    {
        // An idle activation called from outside any activation (a front-end request, a test) runs the
        // first slice of the turn on the caller's thread, which saves a thread-pool hop per call. Calls
        // from grain code never run inline, so one grain's turn never nests inside another's.
        if (s_startingTurn && s_running is null && Thread.CurrentThread.IsThreadPoolThread && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            s_running = this;
            try
            {
                TryExecuteTask(task);
            }
            finally
            {
                s_running = null;
            }
            ReleaseWorker();
            return;
        }

        lock (_queue)
            _queue.Enqueue(task);
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued)
        => s_running == this && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_queue)
            return _queue.ToArray();
    }

    public override int MaximumConcurrencyLevel => 1;

    void IThreadPoolWorkItem.Execute()
    {
        var previous = s_running;
        s_running = this;
        try
        {
            var deadline = Stopwatch.GetTimestamp() + QuantumTicks;
            while (TryDequeue(out var task))
            {
                TryExecuteTask(task);
                if (Stopwatch.GetTimestamp() > deadline)
                    break;
            }
        }
        finally
        {
            s_running = previous;
        }

        ReleaseWorker();
    }

    private bool TryDequeue(out Task task)
    {
        lock (_queue)
            return _queue.TryDequeue(out task!);
    }

    private bool HasQueued()
    {
        lock (_queue)
            return _queue.Count > 0;
    }

    /// <summary>Gives up the worker role, handing it to the thread pool if work is waiting.</summary>
    private void ReleaseWorker()
    {
        Volatile.Write(ref _scheduled, 0);
        // A task queued after the worker's last look but before the flag was cleared would otherwise wait forever.
        if (HasQueued() && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }
}
