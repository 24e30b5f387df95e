using Actors.Runtime.Hosting;
using Actors.Runtime.Membership;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.MembershipService;

/// <summary>
/// A cluster client's membership view: it never writes the table, it reads it at start, every
/// <see cref="ClusterClientOptions.MembershipRefreshPeriod"/> (Orleans's GatewayListRefreshPeriod), and whenever a
/// call finds a silo unreachable or an answer carries a newer view version.
/// </summary>
internal sealed class ClientMembershipService(IMembershipTable table, IOptions<ClusterClientOptions> options, TimeProvider time)
    : IClusterMembershipService, IHostedService
{
    private readonly MembershipViewPublisher _views = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _refreshing = Task.CompletedTask;

    public MembershipView CurrentView => _views.Current;

    public IDisposable Subscribe(Action<MembershipView> observer) => _views.Subscribe(observer);

    public async Task RefreshAsync() => _views.Publish(MembershipView.From(await table.ReadAll()));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await table.InitializeAsync(cancellationToken);
            await RefreshAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new SiloStartupException($"The cluster client could not read the membership table ({table.GetType().Name}); check Cluster:Membership:Provider and Cluster:Membership:ConnectionString: {exception.Message}", exception);
        }
        _refreshing = RefreshPeriodicallyAsync(_stopping.Token);
    }

    private async Task RefreshPeriodicallyAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(options.Value.MembershipRefreshPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                try
                {
                    await RefreshAsync();
                }
                catch (Exception) when (!token.IsCancellationRequested)
                {
                    // Keep the last view; the next period retries.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _refreshing;
    }
}
