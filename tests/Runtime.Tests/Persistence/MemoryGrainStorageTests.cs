namespace Actors.Runtime.Tests.Persistence;

public sealed class MemoryGrainStorageTests : GrainStorageConformance
{
    // Every host gets its own memory store, so the tests that start a second host only prove start-up is harmless here.
    protected override Task<IReadOnlyDictionary<string, string?>> CreateStoreAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?> { ["Provider"] = "Memory" });
}
