using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Actors.Silo.Health;

public static class HealthEndpoints
{
    /// <summary>Health checks with this tag decide readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The liveness probe's path (Kubernetes livenessProbe and startupProbe).</summary>
    public const string LivenessPath = "/healthz";

    /// <summary>The readiness probe's path (Kubernetes readinessProbe).</summary>
    public const string ReadinessPath = "/readyz";

    /// <summary>
    /// GET /healthz answers 200 while the process runs and checks nothing, so a database outage never gets a
    /// process restarted; GET /readyz answers 200 when every check tagged <see cref="ReadyTag"/> passes and 503 otherwise.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks(ReadinessPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return endpoints;
    }
}
