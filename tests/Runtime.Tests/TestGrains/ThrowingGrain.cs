namespace Actors.Runtime.Tests.TestGrains;

public sealed class ContactRuleViolatedException(string message) : Exception(message);

public interface IThrowingGrain : IGrainWithStringKey
{
    Task ThrowAfterAwait(string message);
    Task<int> ThrowSynchronously(string message);
    ValueTask<int> ValueTaskAnswer(int value);
    ValueTask ValueTaskThrow(string message);
    Task<int> CallCount();
    Task Sleep(TimeSpan duration);
}

public class ThrowingGrain : Grain, IThrowingGrain
{
    private int _calls;

    public async Task ThrowAfterAwait(string message)
    {
        _calls++;
        await Task.Yield();
        throw new ContactRuleViolatedException(message);
    }

    public Task<int> ThrowSynchronously(string message)
    {
        _calls++;
        throw new InvalidOperationException(message);
    }

    public ValueTask<int> ValueTaskAnswer(int value) => ValueTask.FromResult(value * 2);

    public async ValueTask ValueTaskThrow(string message)
    {
        await Task.Yield();
        throw new ContactRuleViolatedException(message);
    }

    public Task<int> CallCount() => Task.FromResult(++_calls);

    public Task Sleep(TimeSpan duration) => Task.Delay(duration);
}
