using System.Text.Json.Nodes;

namespace Actors.Api.Ui.Dashboard;

/// <summary>
/// The cluster dashboard's data (in place of OrleansDashboard, ORLEANS-BRIEF 5.1): GET /ui/api/dashboard answers the
/// silos with status and age and their figures, activations per grain type with their split per silo, and the
/// cluster's totals. The page polls it every second.
/// </summary>
public static class ClusterDashboard
{
    public static IServiceCollection AddClusterDashboard(this IServiceCollection services)
    {
        services.AddSingleton<RuntimeMeterReadings>();
        services.AddSingleton<LocalSiloMonitor>();
        services.AddSingleton<ISiloReportSource>(provider => provider.GetRequiredService<LocalSiloMonitor>());
        services.AddHostedService(provider => provider.GetRequiredService<LocalSiloMonitor>());
        return services;
    }

    public static RouteGroupBuilder MapClusterDashboard(this RouteGroupBuilder ui)
    {
        ui.MapGet("/dashboard", async (ISiloReportSource source, TimeProvider clock, CancellationToken cancellationToken) =>
            Results.Json(Describe(await source.ReportsAsync(cancellationToken), clock.GetUtcNow())));
        return ui;
    }

    public static JsonObject Describe(IReadOnlyList<SiloReport> silos, DateTimeOffset now)
    {
        var grainTypes = silos.SelectMany(s => s.ActivationsByType.Keys).Distinct().Order(StringComparer.Ordinal).Select(type =>
            (JsonNode)new JsonObject
            {
                ["type"] = type,
                ["activations"] = silos.Sum(s => s.ActivationsByType.GetValueOrDefault(type)),
                ["bySilo"] = new JsonObject(silos.Select(s => KeyValuePair.Create(s.Address, (JsonNode?)s.ActivationsByType.GetValueOrDefault(type)))),
            }).ToArray();
        return new JsonObject
        {
            ["generatedAt"] = now,
            ["totals"] = new JsonObject
            {
                ["silos"] = silos.Count(s => s.Status == LocalSiloMonitor.ActiveStatus),
                ["activations"] = silos.Sum(s => s.ActivationsByType.Values.Sum()),
                ["calls"] = silos.Sum(s => s.TotalCalls),
                ["callsPerSecond"] = silos.Sum(s => s.CallsPerSecond),
                ["errorsPerSecond"] = silos.Sum(s => s.ErrorsPerSecond),
            },
            ["silos"] = new JsonArray(silos.Select(s => (JsonNode)new JsonObject
            {
                ["address"] = s.Address,
                ["status"] = s.Status,
                ["startedAt"] = s.StartedAt,
                ["ageSeconds"] = Math.Round((now - s.StartedAt).TotalSeconds),
                ["activations"] = s.ActivationsByType.Values.Sum(),
                ["calls"] = s.TotalCalls,
                ["callsPerSecond"] = Math.Round(s.CallsPerSecond, 2),
                ["errorsPerSecond"] = Math.Round(s.ErrorsPerSecond, 2),
                ["latencyP50Ms"] = Math.Round(s.LatencyP50Ms, 4),
                ["latencyP99Ms"] = Math.Round(s.LatencyP99Ms, 4),
                ["cpuPercent"] = Math.Round(s.CpuPercent, 1),
                ["memoryBytes"] = s.MemoryBytes,
                ["totalMemoryBytes"] = s.TotalMemoryBytes,
            }).ToArray()),
            ["grainTypes"] = new JsonArray(grainTypes),
        };
    }
}
