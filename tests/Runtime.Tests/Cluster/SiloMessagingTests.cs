using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Actors.Runtime.Invocation;
using Actors.Runtime.Membership;
using Actors.Runtime.Membership.Memory;
using Actors.Runtime.Messaging;
using Actors.Runtime.Tests.TestGrains;
using Actors.Runtime.TestingHost;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>The silo port's refusals and the forwarding bound, with hand-made messages over HTTP/2.</summary>
public sealed class SiloMessagingTests : IAsyncLifetime
{
    private static readonly string ReportMethod = MethodIdentity.Of(typeof(IClusterProbeGrain).GetMethod(nameof(IClusterProbeGrain.Report))!);
    private readonly HttpClient _http = new(new SocketsHttpHandler()) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
    private readonly UnreadableMembershipTable _table = new(new InMemoryMembershipTable());
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(silos: 2, options => options.MembershipTable = _table);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_message_from_another_cluster_is_refused()
    {
        var (silo, key) = NonOwnerAndKey();

        var (status, answer) = await SendAsync(silo, Message(silo, key) with { ClusterId = "someone-else" });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(typeof(SiloUnavailableException).FullName, answer!.ExceptionType);
        Assert.Contains("someone-else", answer.ExceptionMessage);
    }

    [Fact]
    public async Task A_message_from_a_silo_that_is_not_a_member_is_refused()
    {
        var (silo, key) = NonOwnerAndKey();

        var (status, answer) = await SendAsync(silo, Message(silo, key) with { Sender = "10.9.9.9:1234@5" });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("not a member", answer!.ExceptionMessage);
    }

    [Fact]
    public async Task A_message_from_an_unknown_silo_while_the_membership_table_cannot_be_read_is_refused_as_unavailable()
    {
        var (silo, key) = NonOwnerAndKey();
        _table.ReadsFail = true;

        var (status, answer) = await SendAsync(silo, Message(silo, key) with { Sender = "10.9.9.9:1234@5" });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(typeof(SiloUnavailableException).FullName, answer!.ExceptionType);
        Assert.Contains("could not be read", answer.ExceptionMessage);
    }

    [Fact]
    public async Task A_malformed_message_is_answered_with_a_protocol_failure_and_the_silo_keeps_serving()
    {
        var silo = _cluster.RunningSilos[0];
        using var garbage = new StringContent("{\"ClusterId\": 12, [", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(Url(silo), garbage);
        using var missing = await _http.PostAsJsonAsync(Url(silo), new { ClusterId = _cluster.ClusterId });
        var wrongArguments = await SendAsync(silo, Message(silo, "x") with { Arguments = [JsonSerializer.SerializeToElement(1)] });
        var badGrainId = await SendAsync(silo, Message(silo, "x") with { Grain = "no-slash" });

        foreach (var (status, answer) in new[] { await AnswerOf(response), await AnswerOf(missing), wrongArguments, badGrainId })
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(typeof(ClusterProtocolException).FullName, answer!.ExceptionType);
        }
        Assert.Contains("Malformed call", badGrainId.Answer!.ExceptionMessage);
        Assert.NotNull((await _cluster.Client.GetGrain<IClusterProbeGrain>("still-serving").Report()).Silo);
    }

    [Fact]
    public async Task A_call_of_a_grain_method_the_silo_lacks_as_in_a_rolling_upgrade_is_a_protocol_failure_naming_the_silo()
    {
        var (silo, key) = NonOwnerAndKey();

        var (status, answer) = await SendAsync(silo, Message(silo, key) with { Method = $"{typeof(IClusterProbeGrain).FullName}.ReportAddedInANewerBuild()" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(typeof(ClusterProtocolException).FullName, answer!.ExceptionType);
        Assert.Contains($"Silo {silo.Address} has no grain method", answer.ExceptionMessage);
    }

    [Fact]
    public async Task A_silo_forwards_a_call_for_a_grain_it_does_not_own_to_the_owner()
    {
        var (silo, key) = NonOwnerAndKey();

        var (status, answer) = await SendAsync(silo, Message(silo, key));

        Assert.Equal(HttpStatusCode.OK, status);
        var report = answer!.Value!.Value.Deserialize<ProbeReport>(WireJson.Options)!;
        Assert.Equal(_cluster.OwnerOf(new GrainId("clusterprobe", key)).Address.ToString(), report.Silo);
    }

    [Fact]
    public async Task A_call_already_forwarded_twice_is_not_forwarded_again()
    {
        var (silo, key) = NonOwnerAndKey();

        var (_, answer) = await SendAsync(silo, Message(silo, key) with { ForwardCount = ClusterCallRouter.MaxForwardCount });

        Assert.Equal(typeof(GrainRoutingException).FullName, answer!.ExceptionType);
        Assert.Contains("forwarded", answer.ExceptionMessage);
    }

    [Fact]
    public async Task A_message_addressed_to_another_generation_of_the_endpoint_is_refused()
    {
        var (silo, key) = NonOwnerAndKey();
        var stale = silo.Address with { Generation = silo.Address.Generation - 1 };

        var (status, answer) = await SendAsync(silo, Message(silo, key) with { TargetSilo = stale.ToString() });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains(stale.ToString(), answer!.ExceptionMessage);
    }

    private (SiloHandle Silo, string Key) NonOwnerAndKey()
    {
        var silo = _cluster.RunningSilos[0];
        var key = Enumerable.Range(0, 1000).Select(i => $"fwd-{i}").First(k => _cluster.OwnerOf(new GrainId("clusterprobe", k)) != silo);
        return (silo, key);
    }

    private CallMessage Message(SiloHandle silo, string key) => new()
    {
        ClusterId = _cluster.ClusterId,
        CorrelationId = 1,
        Sender = "client:test",
        TargetSilo = silo.Address.ToString(),
        Grain = $"clusterprobe/{key}",
        Method = ReportMethod,
        Arguments = [],
        ForwardCount = 0,
        TimeToLiveMs = 10_000,
    };

    private async Task<(HttpStatusCode Status, CallAnswer? Answer)> SendAsync(SiloHandle silo, CallMessage message)
    {
        using var response = await _http.PostAsJsonAsync(Url(silo), message, WireJson.Options);
        return await AnswerOf(response);
    }

    private static async Task<(HttpStatusCode Status, CallAnswer? Answer)> AnswerOf(HttpResponseMessage response)
        => (response.StatusCode, await response.Content.ReadFromJsonAsync<CallAnswer>(WireJson.Options));

    private static Uri Url(SiloHandle silo) => new($"http://{silo.Address.Endpoint}{SiloConnections.CallPath}");

    /// <summary>The in-memory table, whose reads fail on demand as a store that is down for a moment does.</summary>
    private sealed class UnreadableMembershipTable(IMembershipTable table) : IMembershipTable
    {
        public volatile bool ReadsFail;

        public Task InitializeAsync(CancellationToken cancellationToken = default) => table.InitializeAsync(cancellationToken);
        public Task<MembershipTableData> ReadRow(SiloAddress silo) => ReadsFail ? Unreadable() : table.ReadRow(silo);
        public Task<MembershipTableData> ReadAll() => ReadsFail ? Unreadable() : table.ReadAll();
        public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => table.InsertRow(entry, tableVersion);
        public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => table.UpdateRow(entry, etag, tableVersion);
        public Task UpdateIAmAlive(MembershipEntry entry) => table.UpdateIAmAlive(entry);
        public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => table.CleanupDefunctSiloEntries(beforeDate);
        public Task DeleteMembershipTableEntries() => table.DeleteMembershipTableEntries();

        private static Task<MembershipTableData> Unreadable() => Task.FromException<MembershipTableData>(new IOException("the membership store is down"));
    }
}
