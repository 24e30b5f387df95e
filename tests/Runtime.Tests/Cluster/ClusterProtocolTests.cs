using Actors.Runtime.Messaging;
using Actors.Runtime.Tests.TestGrains;
using Actors.Runtime.TestingHost;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>
/// A message the silos cannot understand fails as a <see cref="ClusterProtocolException"/>, which is not a "try again":
/// sending it again fails the same way. Calls from the cluster client always cross the wire, so each case is real.
/// </summary>
public sealed class ClusterProtocolTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(silos: 2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Theory]
    [InlineData(WireValue.Unreadable, "Malformed call")]
    [InlineData(WireValue.Broken, "could not process the call")]
    public async Task A_call_whose_arguments_the_silo_cannot_read_or_that_fails_the_silo_is_a_protocol_failure_and_never_runs(string kind, string told)
    {
        var grain = _cluster.Client.GetGrain<IWireGrain>("argument-" + kind);

        var failure = await Assert.ThrowsAsync<ClusterProtocolException>(() => grain.Echo(new WireValue(kind)));

        Assert.False(TransientCallFailure.Is(failure));
        Assert.Contains(told, failure.Message);
        Assert.Equal("fine", (await grain.Echo(new WireValue("fine"))).Kind);
        Assert.Equal(1, await grain.Calls());
    }

    [Theory]
    [InlineData(WireValue.Unreadable)]
    [InlineData(WireValue.Broken)]
    public async Task An_answer_the_caller_cannot_read_is_a_protocol_failure_not_a_wait_for_the_timeout(string kind)
    {
        var grain = _cluster.Client.GetGrain<IWireGrain>("unreadable-answer-" + kind);

        var failure = await Assert.ThrowsAsync<ClusterProtocolException>(() => grain.Make(kind));

        Assert.False(TransientCallFailure.Is(failure));
        Assert.Contains("could not be read", failure.Message);
    }
}

/// <summary>Which failures cross the wire as themselves, and which of them mean "try again".</summary>
public sealed class CallFailureKindTests
{
    [Fact]
    public void Views_that_disagree_are_transient_and_a_message_not_understood_is_not()
    {
        Assert.True(TransientCallFailure.Is(new GrainRoutingException("forwarded twice")));
        Assert.False(TransientCallFailure.Is(new ClusterProtocolException("no such method")));
    }

    [Theory]
    [InlineData(typeof(GrainRoutingException))]
    [InlineData(typeof(ClusterProtocolException))]
    public void A_routing_or_protocol_failure_crosses_the_wire_as_itself(Type type)
    {
        var (name, message) = RemoteExceptions.Describe((Exception)Activator.CreateInstance(type, "what went wrong")!);

        var rebuilt = RemoteExceptions.Rebuild(name, message);

        Assert.IsType(type, rebuilt);
        Assert.Equal("what went wrong", rebuilt.Message);
    }
}
