using Actors.Runtime.Timers;

namespace Actors.Runtime.Tests.TestGrains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan period, TimeSpan tickDuration);
    Task Stop();
    /// <summary>A request that takes a while; ticks must not run during it.</summary>
    Task Work(TimeSpan duration);
    Task<(int Ticks, bool Overlapped)> Observations();
}

/// <summary>Counts timer ticks and notices any tick that overlaps another tick or a request.</summary>
public class TimerGrain : Grain, ITimerGrain
{
    private IGrainTimer? _timer;
    private int _ticks;
    private int _inTurn;
    private bool _overlapped;

    public Task Start(TimeSpan period, TimeSpan tickDuration)
    {
        _timer = RegisterGrainTimer(async _ =>
        {
            await Occupy(tickDuration);
            _ticks++;
        }, TimeSpan.Zero, period);
        return Task.CompletedTask;
    }

    public Task Stop()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public Task Work(TimeSpan duration) => Occupy(duration);

    public Task<(int Ticks, bool Overlapped)> Observations() => Task.FromResult((_ticks, _overlapped));

    private async Task Occupy(TimeSpan duration)
    {
        if (++_inTurn > 1)
            _overlapped = true;
        await Task.Delay(duration);
        if (_inTurn > 1)
            _overlapped = true;
        _inTurn--;
    }
}
