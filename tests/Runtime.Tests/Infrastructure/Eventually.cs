using System.Diagnostics;

namespace Actors.Runtime.Tests.Infrastructure;

/// <summary>Waits for something the runtime does in the background (a deactivation, a silo declared dead), failing the test when it does not come.</summary>
internal static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static Task WaitUntil(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()), DefaultTimeout);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"The condition did not hold within {timeout}.");
            await Task.Delay(20);
        }
    }
}
