using Actors.Runtime.Persistence;

namespace Actors.Silo.Tests.Health;

/// <summary>A store whose reachability the test switches; readiness only depends on whether CheckHealthAsync throws.</summary>
internal sealed class FakeStorage : IStorageLifecycle
{
    public bool Reachable { get; set; } = true;

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CheckHealthAsync(CancellationToken cancellationToken) =>
        Reachable ? Task.CompletedTask : Task.FromException(new IOException("Connection refused"));
}
