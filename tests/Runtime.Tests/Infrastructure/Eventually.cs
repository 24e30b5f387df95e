namespace Actors.Runtime.Tests.Infrastructure;

/// <summary>Waits for something the runtime does in the background, such as a deactivation, failing the test after 10 s.</summary>
internal static class Eventually
{
    public static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 10 s");
            await Task.Delay(20);
        }
    }
}
