using System.Text.Json.Nodes;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Membership;

namespace Actors.Api.Ui.Dashboard;

/// <summary>
/// The cluster dashboard's data (in place of OrleansDashboard, ORLEANS-BRIEF 5.1): GET /ui/api/dashboard answers the
/// silos with status and age and their figures (null for a silo that is dead or did not answer), activations per
/// grain type with their split per silo, and the cluster's totals. The reports come from the runtime's
/// <see cref="ISiloReportSource"/>: the embedded silo, or every silo of the membership view in a cluster. The page
/// polls it every second.
/// </summary>
public static class ClusterDashboard
{
    public static RouteGroupBuilder MapClusterDashboard(this RouteGroupBuilder ui)
    {
        ui.MapGet("/dashboard", async (ISiloReportSource source, TimeProvider clock, CancellationToken cancellationToken) =>
            Results.Json(Describe(await source.ReportsAsync(cancellationToken), clock.GetUtcNow())));
        return ui;
    }

    private static JsonObject Describe(IReadOnlyList<SiloReport> silos, DateTimeOffset now)
    {
        var measured = silos.Where(s => s.Figures is not null).Select(s => (s.Address, Figures: s.Figures!)).ToList();
        var grainTypes = measured.SelectMany(s => s.Figures.ActivationsByType.Keys).Distinct().Order(StringComparer.Ordinal).Select(type =>
            (JsonNode)new JsonObject
            {
                ["type"] = type,
                ["activations"] = measured.Sum(s => s.Figures.ActivationsByType.GetValueOrDefault(type)),
                ["bySilo"] = new JsonObject(measured.Select(s => KeyValuePair.Create(s.Address, (JsonNode?)s.Figures.ActivationsByType.GetValueOrDefault(type)))),
            }).ToArray();
        return new JsonObject
        {
            ["generatedAt"] = now,
            ["totals"] = new JsonObject
            {
                ["silos"] = silos.Count(s => s.Status == nameof(SiloStatus.Active)),
                ["activations"] = measured.Sum(s => s.Figures.ActivationsByType.Values.Sum()),
                ["calls"] = measured.Sum(s => s.Figures.TotalCalls),
                ["callsPerSecond"] = measured.Sum(s => s.Figures.CallsPerSecond),
                ["errorsPerSecond"] = measured.Sum(s => s.Figures.ErrorsPerSecond),
            },
            ["silos"] = new JsonArray([.. silos.Select(s => (JsonNode)Silo(s, now))]),
            ["grainTypes"] = new JsonArray(grainTypes),
        };
    }

    private static JsonObject Silo(SiloReport silo, DateTimeOffset now)
    {
        var figures = silo.Figures;
        return new JsonObject
        {
            ["address"] = silo.Address,
            ["status"] = silo.Status,
            ["startedAt"] = silo.StartedAt,
            ["ageSeconds"] = Math.Max(0, Math.Round((now - silo.StartedAt).TotalSeconds)),
            ["reporting"] = figures is not null,
            ["activations"] = figures?.ActivationsByType.Values.Sum(),
            ["calls"] = figures?.TotalCalls,
            ["callsPerSecond"] = figures is null ? null : Math.Round(figures.CallsPerSecond, 2),
            ["errorsPerSecond"] = figures is null ? null : Math.Round(figures.ErrorsPerSecond, 2),
            ["latencyP50Ms"] = figures is null ? null : Math.Round(figures.LatencyP50Ms, 4),
            ["latencyP99Ms"] = figures is null ? null : Math.Round(figures.LatencyP99Ms, 4),
            ["cpuPercent"] = figures is null ? null : Math.Round(figures.CpuPercent, 1),
            ["memoryBytes"] = figures?.MemoryBytes,
            ["totalMemoryBytes"] = figures?.TotalMemoryBytes,
        };
    }
}
