using Actors.Runtime.Persistence;

namespace Actors.Runtime.Tests.TestGrains;

public sealed class CounterState
{
    public int Value { get; set; }
    public List<string> History { get; set; } = [];
}

public interface IPersistentCounterGrain : IGrainWithStringKey
{
    Task<int> Add(int amount, string note);
    Task<CounterState> Read();
    Task<Guid> ActivationId();
    Task<int> ValueSeenByOnActivate();
    Task Deactivate();
}

public class PersistentCounterGrain(
    [PersistentState("counter")] IPersistentState<CounterState> counter) : Grain, IPersistentCounterGrain
{
    private readonly Guid _activationId = Guid.NewGuid();
    private int _valueSeenByOnActivate = -1;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _valueSeenByOnActivate = counter.State.Value;
        return Task.CompletedTask;
    }

    public async Task<int> Add(int amount, string note)
    {
        counter.State.Value += amount;
        counter.State.History.Add(note);
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task<CounterState> Read() => Task.FromResult(counter.State);

    public Task<Guid> ActivationId() => Task.FromResult(_activationId);

    public Task<int> ValueSeenByOnActivate() => Task.FromResult(_valueSeenByOnActivate);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
