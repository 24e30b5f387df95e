namespace Actors.Runtime.Tests.TestGrains;

public interface ICallChainGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="peer"/>, which calls this grain back.</summary>
    Task CallPeerThatCallsBack(string peer);
    Task CallBack(string origin);
    Task Noop();
    Task Sleep(TimeSpan duration);
}

public class CallChainGrain : Grain, ICallChainGrain
{
    public Task CallPeerThatCallsBack(string peer)
        => GrainFactory.GetGrain<ICallChainGrain>(peer).CallBack(this.GetPrimaryKeyString());

    public Task CallBack(string origin) => GrainFactory.GetGrain<ICallChainGrain>(origin).Noop();

    public Task Noop() => Task.CompletedTask;

    public Task Sleep(TimeSpan duration) => Task.Delay(duration);
}
