using System.Diagnostics;
using System.Text.Json;
using Actors.Runtime.Catalog;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Membership;
using Actors.Runtime.MembershipService;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Messaging;

/// <summary>
/// The receiving side of cluster messaging, served only on the silo port.
///
/// A call is refused (with an answer naming the reason, never a crash) when it comes from another cluster, comes from
/// a silo that this silo's view does not know or holds Dead, or is addressed to another generation of this endpoint:
/// those are <see cref="SiloUnavailableException"/>s, which pass once the views agree. A call this silo cannot
/// understand (malformed, missing a field, naming a grain method this build lacks, arguments that cannot be read) and
/// a failure of this silo while handling one are <see cref="ClusterProtocolException"/>s, logged here: sending the
/// same message again would fail the same way, so the caller must not take them for "try again". Otherwise it runs under the deadline it carries; if this silo does not own the
/// grain, the catalog's router forwards it, after reading the membership table when this silo's view names the
/// sending silo as the owner (<see cref="ClusterCallRouter.CatchUpWithSenderAsync"/>). Pings and the dashboard's report requests are answered only by this exact
/// generation while it is not Dead.
/// </summary>
public static class SiloMessageEndpoints
{
    /// <summary>A grain call message larger than this is refused (Orleans caps bodies at 100 MB; grain messages here are small).</summary>
    public const long MaxMessageBytes = 16 * 1024 * 1024;

    public static IEndpointRouteBuilder MapSiloMessaging(this IEndpointRouteBuilder endpoints, int siloPort)
    {
        var host = $"*:{siloPort}";
        endpoints.MapPost(SiloConnections.CallPath, HandleCallAsync).RequireHost(host);
        endpoints.MapPost(SiloConnections.PingPath, HandlePingAsync).RequireHost(host);
        endpoints.MapPost(SiloConnections.GossipPath, HandleGossipAsync).RequireHost(host);
        endpoints.MapPost(SiloConnections.ReportPath, HandleReportAsync).RequireHost(host);
        return endpoints;
    }

    private static async Task HandleCallAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var membership = services.GetRequiredService<MembershipTableManager>();
        (int status, CallAnswer answer) answer;
        try
        {
            answer = await AnswerAsync(context, services, membership);
        }
        catch (Exception failure) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Whatever went wrong here is a bug of this silo, not of the sender: answer it rather than drop the stream.
            services.GetRequiredService<MessagingLog>().CallFailed(failure);
            answer = (StatusCodes.Status500InternalServerError, Refusal(0, typeof(ClusterProtocolException), $"Silo {membership.Local.Address} could not process the call: {failure.GetType().Name}: {failure.Message}"));
        }
        context.Response.StatusCode = answer.status;
        await context.Response.WriteAsJsonAsync(answer.answer with { ViewVersion = membership.CurrentView.Version }, WireJson.Options);
    }

    private static async Task<(int status, CallAnswer answer)> AnswerAsync(HttpContext context, IServiceProvider services, MembershipTableManager membership)
    {
        var log = services.GetRequiredService<MessagingLog>();
        CallMessage? message;
        try
        {
            message = await ReadAsync<CallMessage>(context);
        }
        catch (Exception malformed) when (malformed is JsonException or InvalidOperationException or BadHttpRequestException or NotSupportedException)
        {
            return NotUnderstood(log, null, 0, $"Malformed cluster message: {malformed.Message}");
        }
        if (message is null || message.Arguments is null || message.Grain is null || message.Method is null)
            return NotUnderstood(log, message?.Sender, message?.CorrelationId ?? 0, "Malformed cluster message: a required field is missing.");

        if (await RefusalReasonAsync(services, membership, message.ClusterId, message.Sender, message.TargetSilo) is { } reason)
        {
            log.Refused(message.Sender, reason);
            return (StatusCodes.Status403Forbidden, Refusal(message.CorrelationId, typeof(SiloUnavailableException), reason));
        }

        var method = services.GetRequiredService<GrainMethodDirectory>().Find(message.Method);
        if (method is null || method.ParameterTypes.Count != message.Arguments.Count)
        {
            // In a rolling upgrade, a method a newer build added (ClusterProtocolException says what the caller sees).
            return NotUnderstood(log, message.Sender, message.CorrelationId,
                $"Silo {membership.Local.Address} has no grain method '{message.Method}' taking {message.Arguments.Count} arguments.");
        }

        GrainId grain;
        object?[] arguments;
        try
        {
            grain = GrainId.Parse(message.Grain);
            arguments = [.. message.Arguments.Select((value, i) => value.Deserialize(method.ParameterTypes[i], WireJson.Options))];
        }
        catch (Exception malformed) when (malformed is JsonException or FormatException or NotSupportedException or ArgumentException)
        {
            return NotUnderstood(log, message.Sender, message.CorrelationId, $"Malformed call of {message.Method}: {malformed.Message}");
        }

        if (SiloAddress.TryParse(message.Sender, out var senderSilo))
            await services.GetRequiredService<ClusterCallRouter>().CatchUpWithSenderAsync(senderSilo, grain);

        var ttl = TimeSpan.FromMilliseconds(Math.Clamp(message.TimeToLiveMs, 0, int.MaxValue));
        var deadline = Stopwatch.GetTimestamp() + (long)(ttl.TotalSeconds * Stopwatch.Frequency);
        try
        {
            var result = await method.CallBoxed(services.GetRequiredService<GrainCatalog>(), grain, arguments, deadline, Math.Clamp(message.ForwardCount, 0, ClusterCallRouter.MaxForwardCount));
            JsonElement? value;
            try
            {
                value = method.ResultType is null ? null : JsonSerializer.SerializeToElement(result, method.ResultType, WireJson.Options);
            }
            catch (Exception unserializable) when (unserializable is JsonException or NotSupportedException or InvalidOperationException)
            {
                return (StatusCodes.Status200OK, Refusal(message.CorrelationId, typeof(NotSupportedException), $"The result of {message.Method} cannot be sent back: {unserializable.Message}"));
            }
            return (StatusCodes.Status200OK, new CallAnswer { CorrelationId = message.CorrelationId, Value = value });
        }
        catch (Exception failure)
        {
            var (type, text) = RemoteExceptions.Describe(failure);
            return (StatusCodes.Status200OK, new CallAnswer { CorrelationId = message.CorrelationId, ExceptionType = type, ExceptionMessage = text });
        }
    }

    /// <summary>Why a message must be refused, or null. An unknown sender silo gets one table read to prove itself.</summary>
    private static async Task<string?> RefusalReasonAsync(IServiceProvider services, MembershipTableManager membership, string? clusterId, string? sender, string? target)
    {
        var identity = services.GetRequiredService<ClusterIdentity>();
        if (clusterId != identity.ClusterId)
            return $"the message belongs to cluster '{clusterId}', this silo to '{identity.ClusterId}'";
        if (services.GetRequiredService<SiloCrash>().IsCrashed)
            return $"silo {membership.Local.Address} has stopped";
        if (target != membership.Local.Address.ToString())
            return $"the message is addressed to {target}, this silo is {membership.Local.Address}";
        if (sender is null)
            return "the message names no sender";
        if (sender.StartsWith("client:", StringComparison.Ordinal))
            return null;
        if (!SiloAddress.TryParse(sender, out var senderSilo))
            return $"the sender '{sender}' is neither a silo address nor a client";
        var status = membership.CurrentView.StatusOf(senderSilo);
        if (status == SiloStatus.None)
        {
            try
            {
                await membership.RefreshAsync();
            }
            catch (Exception unreadable)
            {
                // The table is down for a moment: the sender may well be a member, so this passes like any unknown sender.
                return $"the sender {sender} is not in this silo's view and the membership table could not be read: {unreadable.Message}";
            }
            status = membership.CurrentView.StatusOf(senderSilo);
        }
        return status switch
        {
            SiloStatus.None => $"the sender {sender} is not a member of this cluster",
            SiloStatus.Dead => $"the sender {sender} has been declared dead",
            _ => null,
        };
    }

    private static async Task HandlePingAsync(HttpContext context)
    {
        if (await ReadAddressedAsync<PingMessage>(context, ping => (ping.ClusterId, ping.Target)) is not null)
            context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>The dashboard's request for this silo's figures; asking also keeps durations and failures measured a while.</summary>
    private static async Task HandleReportAsync(HttpContext context)
    {
        if (await ReadAddressedAsync<ReportRequest>(context, request => (request.ClusterId, request.Target)) is null)
            return;
        await context.Response.WriteAsJsonAsync(context.RequestServices.GetRequiredService<SiloMonitor>().Figures(), WireJson.Options);
    }

    /// <summary>
    /// A message that only this exact generation of a live silo of this cluster answers (pings and report requests);
    /// otherwise the answer is set (400 malformed, 410 not for this silo) and the result is null.
    /// </summary>
    private static async Task<T?> ReadAddressedAsync<T>(HttpContext context, Func<T, (string? ClusterId, string? Target)> addressOf) where T : class
    {
        var services = context.RequestServices;
        T? message;
        try
        {
            message = await ReadAsync<T>(context);
        }
        catch (Exception malformed) when (malformed is JsonException or InvalidOperationException or BadHttpRequestException or NotSupportedException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }
        var membership = services.GetRequiredService<MembershipTableManager>();
        var address = message is null ? default : addressOf(message);
        var refused = message is null
            || address.ClusterId != services.GetRequiredService<ClusterIdentity>().ClusterId
            || address.Target != membership.Local.Address.ToString()
            || services.GetRequiredService<SiloCrash>().IsCrashed
            || membership.LocalStatus == SiloStatus.Dead;
        if (refused)
            context.Response.StatusCode = StatusCodes.Status410Gone;
        return refused ? null : message;
    }

    private static async Task HandleGossipAsync(HttpContext context)
    {
        var services = context.RequestServices;
        GossipMessage? gossip;
        try
        {
            gossip = await ReadAsync<GossipMessage>(context);
        }
        catch (Exception malformed) when (malformed is JsonException or InvalidOperationException or BadHttpRequestException or NotSupportedException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (gossip?.ClusterId != services.GetRequiredService<ClusterIdentity>().ClusterId)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        var membership = services.GetRequiredService<MembershipTableManager>();
        _ = Task.Run(async () =>
        {
            try
            {
                await membership.RefreshAsync();
            }
            catch (Exception)
            {
                // The periodic refresh retries.
            }
        });
        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static async Task<T?> ReadAsync<T>(HttpContext context) where T : class
    {
        if (context.Request.ContentLength > MaxMessageBytes)
            throw new InvalidOperationException($"The message is larger than {MaxMessageBytes} bytes.");
        return await context.Request.ReadFromJsonAsync<T>(WireJson.Options, context.RequestAborted);
    }

    /// <summary>A call this silo cannot understand: logged, and refused as a <see cref="ClusterProtocolException"/>.</summary>
    private static (int status, CallAnswer answer) NotUnderstood(MessagingLog log, string? sender, long correlationId, string reason)
    {
        log.Refused(sender ?? "?", reason);
        return (StatusCodes.Status400BadRequest, Refusal(correlationId, typeof(ClusterProtocolException), reason));
    }

    private static CallAnswer Refusal(long correlationId, Type exceptionType, string message)
        => new() { CorrelationId = correlationId, ExceptionType = exceptionType.FullName, ExceptionMessage = message };
}
