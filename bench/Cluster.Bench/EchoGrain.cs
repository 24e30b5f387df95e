using Actors.Runtime;

namespace Actors.Cluster.Bench;

public sealed record Payload(string Text, int Number);

public interface IEchoGrain : IGrainWithStringKey
{
    Task<Payload> Echo(Payload payload);
}

public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<Payload> Echo(Payload payload) => Task.FromResult(payload);
}
