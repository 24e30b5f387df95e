using Actors.Runtime.Concurrency;

namespace Actors.Runtime.Tests.TestGrains;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Reads the counter, yields the thread, then writes the counter plus one.</summary>
    Task<int> IncrementWithYield();
    Task<int> Get();
}

public interface IReentrantCounterGrain : IGrainWithStringKey
{
    Task<int> IncrementWithYield();
    Task<int> Get();
}

/// <summary>A read-yield-write counter: it ends exact only when its turns never interleave.</summary>
public abstract class YieldingCounter : Grain
{
    private int _value;

    public async Task<int> IncrementWithYield()
    {
        var read = _value;
        await Task.Yield();
        _value = read + 1;
        return _value;
    }

    public Task<int> Get() => Task.FromResult(_value);
}

public class CounterGrain : YieldingCounter, ICounterGrain;

[Reentrant]
public class ReentrantCounterGrain : YieldingCounter, IReentrantCounterGrain;
