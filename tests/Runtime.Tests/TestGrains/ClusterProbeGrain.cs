using Actors.Runtime.MembershipService;
using Actors.Runtime.Persistence;

namespace Actors.Runtime.Tests.TestGrains;

public sealed record ProbeReport(string Silo, Guid ActivationId, int Value);

public interface IClusterProbeGrain : IGrainWithStringKey
{
    Task<ProbeReport> Report();
    Task<ProbeReport> Add(int amount);
    Task<ProbeReport> Sleep(TimeSpan duration);
    Task Fail(string message);
    Task FailWithOwnType(string message);
}

public sealed class ProbeState
{
    public int Value { get; set; }
}

public sealed class ProbeSpecificException(string message) : Exception(message);

/// <summary>Says which silo and which activation answered, and keeps a persistent counter.</summary>
public class ClusterProbeGrain(LocalSilo silo, [PersistentState("probe")] IPersistentState<ProbeState> state) : Grain, IClusterProbeGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public Task<ProbeReport> Report() => Task.FromResult(Now());

    public async Task<ProbeReport> Add(int amount)
    {
        state.State.Value += amount;
        await state.WriteStateAsync();
        return Now();
    }

    public async Task<ProbeReport> Sleep(TimeSpan duration)
    {
        await Task.Delay(duration);
        return Now();
    }

    public Task Fail(string message) => throw new InvalidOperationException(message);

    public Task FailWithOwnType(string message) => throw new ProbeSpecificException(message);

    private ProbeReport Now() => new(silo.Address.ToString(), _activationId, state.State.Value);
}
