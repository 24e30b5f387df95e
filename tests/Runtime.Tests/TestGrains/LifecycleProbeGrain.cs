using System.Collections.Concurrent;

namespace Actors.Runtime.Tests.TestGrains;

public interface ILifecycleProbeGrain : IGrainWithStringKey
{
    Task Touch();
    Task Busy(TimeSpan duration);
    Task KeepAliveFor(TimeSpan duration);
}

/// <summary>Writes its activations and deactivations (with reasons) to a journal the tests read.</summary>
public class LifecycleProbeGrain : Grain, ILifecycleProbeGrain
{
    public static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Journal = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Record("activated");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Record($"deactivated:{reason.ReasonCode}");
        return Task.CompletedTask;
    }

    public Task Touch() => Task.CompletedTask;

    public Task Busy(TimeSpan duration) => Task.Delay(duration);

    public Task KeepAliveFor(TimeSpan duration)
    {
        DelayDeactivation(duration);
        return Task.CompletedTask;
    }

    public static IReadOnlyList<string> EntriesFor(string key)
        => Journal.TryGetValue(key, out var entries) ? entries.ToArray() : [];

    private void Record(string entry) => Journal.GetOrAdd(this.GetPrimaryKeyString(), _ => new()).Enqueue(entry);
}
