namespace Actors.Runtime.MembershipService;

/// <summary>
/// Refreshes of the membership view asked for at about the same time share one table read, so a burst of calls that
/// each find the view out of date (a silo stopping under load) costs one read, not one per call. Every caller waits
/// for a read that starts after it asked, so it sees every table write that completed before it asked; a read that is
/// already running when a caller asks is not enough, and the callers that arrive meanwhile share the next one.
/// </summary>
internal sealed class SharedTableRead(Func<Task> refresh)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _next;
    private bool _reading;

    /// <summary>Completes (or fails, as the read did) once a read that started after this call has been published.</summary>
    public Task RefreshAsync()
    {
        lock (_lock)
        {
            _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var waiting = _next.Task;
            if (!_reading)
            {
                _reading = true;
                _ = Task.Run(ReadWhileAskedAsync);
            }
            return waiting;
        }
    }

    private async Task ReadWhileAskedAsync()
    {
        while (true)
        {
            TaskCompletionSource round;
            lock (_lock)
            {
                if (_next is null)
                {
                    _reading = false;
                    return;
                }
                round = _next;
                _next = null;
            }
            try
            {
                await refresh();
                round.SetResult();
            }
            catch (Exception failure)
            {
                round.SetException(failure);
            }
        }
    }
}
