using Actors.Runtime.Concurrency;

namespace Actors.Runtime.Tests.TestGrains;

public interface IConcurrencyProbeGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task Read(TimeSpan hold);

    Task Write(TimeSpan hold);

    [AlwaysInterleave]
    Task<int> Peek();

    /// <summary>The largest number of requests seen running at once, and whether a write ever overlapped anything.</summary>
    [AlwaysInterleave]
    Task<(int MaxConcurrent, bool WriteOverlapped)> Observations();
}

/// <summary>Records how many of its requests run at the same time.</summary>
public class ConcurrencyProbeGrain : Grain, IConcurrencyProbeGrain
{
    private int _running;
    private int _maxConcurrent;
    private bool _writeOverlapped;

    public async Task Read(TimeSpan hold)
    {
        Enter();
        await Task.Delay(hold);
        _running--;
    }

    public async Task Write(TimeSpan hold)
    {
        Enter();
        if (_running > 1)
            _writeOverlapped = true;
        await Task.Delay(hold);
        if (_running > 1)
            _writeOverlapped = true;
        _running--;
    }

    public Task<int> Peek() => Task.FromResult(_running);

    public Task<(int MaxConcurrent, bool WriteOverlapped)> Observations() => Task.FromResult((_maxConcurrent, _writeOverlapped));

    private void Enter()
    {
        _running++;
        _maxConcurrent = Math.Max(_maxConcurrent, _running);
    }
}
