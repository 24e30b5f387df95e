using System.Threading.Channels;
using Actors.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Runtime.Bench;

/// <summary>Something that can route a call to actor number <c>i</c> and return its answer.</summary>
internal interface ICallTarget
{
    Task<int> Call(int actor);
}

public interface IBenchCounterGrain : IGrainWithStringKey
{
    Task<int> Increment();
}

public sealed class BenchCounterGrain : Grain, IBenchCounterGrain
{
    private int _value;

    public Task<int> Increment() => Task.FromResult(++_value);
}

/// <summary>Calls go through the runtime: grain reference, catalog, activation admission, activation scheduler.</summary>
internal sealed class GrainTarget : ICallTarget, IAsyncDisposable
{
    private readonly IHost _host;
    private readonly IBenchCounterGrain[] _references;

    private GrainTarget(IHost host)
    {
        _host = host;
        var factory = host.Services.GetRequiredService<IGrainFactory>();
        _references = Enumerable.Range(0, CallScenario.MaxActors).Select(i => factory.GetGrain<IBenchCounterGrain>(i.ToString())).ToArray();
    }

    public static async Task<GrainTarget> StartAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" });
        builder.Services.AddSiloRuntime(builder.Configuration);
        builder.Services.AddGrainStorage(builder.Configuration.GetSection("Storage"));
        builder.Services.AddGrains(typeof(BenchCounterGrain).Assembly);
        var host = builder.Build();
        await host.StartAsync();
        return new GrainTarget(host);
    }

    public Task<int> Call(int actor) => _references[actor].Increment();

    /// <summary>
    /// The heap an idle activation holds, averaged over <paramref name="count"/> fresh ones: the runtime's share, since
    /// this grain keeps one int. A silo's capacity before it sheds activations is its heap divided by such figures.
    /// </summary>
    public async Task<double> BytesPerActivationAsync(int count)
    {
        var factory = _host.Services.GetRequiredService<IGrainFactory>();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var chunk in Enumerable.Range(0, count).Chunk(1_000))
            await Task.WhenAll(chunk.Select(i => factory.GetGrain<IBenchCounterGrain>($"memory-{i}").Increment()));
        return (GC.GetTotalMemory(forceFullCollection: true) - before) / (double)count;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>
/// The baseline: the smallest actor worth the name. One unbounded channel and one consumer loop per
/// actor; a call posts a message carrying a completion source and awaits it.
/// </summary>
internal sealed class ChannelActorTarget : ICallTarget
{
    private readonly ChannelActor[] _actors = Enumerable.Range(0, CallScenario.MaxActors).Select(_ => new ChannelActor()).ToArray();

    public Task<int> Call(int actor) => _actors[actor].Increment();

    private sealed class ChannelActor
    {
        private readonly Channel<TaskCompletionSource<int>> _mailbox =
            Channel.CreateUnbounded<TaskCompletionSource<int>>(new UnboundedChannelOptions { SingleReader = true });
        private int _value;

        public ChannelActor() => _ = Task.Run(RunAsync);

        public Task<int> Increment()
        {
            var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            _mailbox.Writer.TryWrite(reply);
            return reply.Task;
        }

        private async Task RunAsync()
        {
            while (await _mailbox.Reader.WaitToReadAsync())
            {
                while (_mailbox.Reader.TryRead(out var reply))
                    reply.SetResult(++_value);
            }
        }
    }
}
