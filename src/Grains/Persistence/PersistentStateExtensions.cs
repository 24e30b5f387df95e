using Actors.Runtime.Persistence;

namespace Actors.Grains.Persistence;

internal static class PersistentStateExtensions
{
    /// <summary>
    /// Stores the state. When the write fails it may or may not have landed, so the grain reloads what is
    /// stored before the error reaches the caller: it never answers a later request from a change that was lost.
    /// </summary>
    public static async Task WriteOrReloadAsync<T>(this IPersistentState<T> state) where T : new()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
    }
}
