using Actors.Runtime.Persistence;

namespace Actors.Grains.Devices;

/// <summary>
/// Queues a device's state writes one behind another. MoveTo interleaves with Track, so two writes could
/// otherwise be in flight at once, both carrying the same ETag, and the second would fail as stale.
/// </summary>
internal sealed class DeviceStateWriter(IPersistentState<DeviceState> device)
{
    private Task _last = Task.CompletedTask;

    /// <summary>Stores the state as it is when this write's turn comes.</summary>
    public Task Save() => _last = SaveAfter(_last);

    private async Task SaveAfter(Task previous)
    {
        // The previous writer saw its own failure; this write still runs. Continuing on the captured
        // context keeps the write on the activation's scheduler.
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        await device.WriteStateAsync();
    }
}
